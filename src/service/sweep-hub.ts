import { listModels } from "@huggingface/hub";
import { InvalidInputError } from "../errors.js";
import { createRetryingFetch, DEFAULT_HUB_URL, hubResponseError, isCommitSha } from "../sources/hub/index.js";
import { checkRepo } from "./job-key.js";
import { judgedBy } from "./judged-by.js";
import type { ServiceJob, ServiceQueue } from "./types.js";

export type SweepHubParameters = {
  queue: ServiceQueue;
  /** Which repos: everything by an author or organisation, a name search, or an explicit list. */
  author?: string | undefined;
  search?: string | undefined;
  /** `org/name` or `org/name@sha`; the default branch's head is resolved for entries without a sha. */
  repos?: readonly string[] | undefined;
  hubUrl?: string | undefined;
  accessToken?: string | undefined;
  fetch?: typeof fetch | undefined;
  /** Queue even the repos whose stored result was judged by the current rules and knowledge base. */
  force?: boolean | undefined;
  /** Stop after this many repos (default: no limit). */
  limit?: number | undefined;
  /** Called after each repo: counts so far. */
  onProgress?: ((summary: SweepHubReturnType) => void) | undefined;
};

export type SweepHubReturnType = {
  /** Repos listed (or read from the list). */
  listed: number;
  /** Jobs queued (new, or stale results queued again). */
  queued: number;
  /** Already waiting or running. */
  duplicates: number;
  /** Results judged by the current rules and knowledge base: not queued. */
  upToDate: number;
  /** Entries that could not be resolved (missing repo, no commit), with why. */
  skipped: { repo: string; reason: string }[];
};

/**
 * Queues the re-validation of many repos — all of an author's, a search's, or a list — for the
 * workers. The Hub is listed page by page (`listModels`, 500 per page, with each repo's head sha),
 * so millions of repos stream through in constant memory. A repo whose stored result for that sha
 * was judged by the same rule levels and licence knowledge base is left alone
 * unless `force`; one judged by older ones is queued again.
 *
 * @example
 * const summary = await sweepHub({ queue, author: "acme", accessToken });
 * console.log(`${summary.queued} queued, ${summary.upToDate} up to date`);
 */
export async function sweepHub(parameters: SweepHubParameters): Promise<SweepHubReturnType> {
  const given = [parameters.author !== undefined, parameters.search !== undefined, parameters.repos !== undefined].filter(Boolean).length;
  if (given === 0) throw new InvalidInputError("sweep needs an author, a search or a list of repos", { docsPath: "docs/hub-service.md#sweep" });
  const hubUrl = (parameters.hubUrl ?? DEFAULT_HUB_URL).replace(/\/+$/, "");
  const fetcher = createRetryingFetch({ fetch: parameters.fetch });
  const current = judgedBy();
  const summary: SweepHubReturnType = { listed: 0, queued: 0, duplicates: 0, upToDate: 0, skipped: [] };
  const limit = parameters.limit ?? Infinity;
  const batch: ServiceJob[] = [];

  async function flush(): Promise<void> {
    if (batch.length === 0) return;
    const jobs = batch.splice(0);
    const todo: ServiceJob[] = [];
    const stored = await Promise.all(jobs.map((job) => (parameters.force ? undefined : parameters.queue.result(job.repo, job.revision))));
    jobs.forEach((job, i) => {
      const judged = stored[i]?.judgedBy;
      if (judged && judged.rules === current.rules && judged.knowledgeBase === current.knowledgeBase) summary.upToDate++;
      else todo.push(job);
    });
    const outcomes = await parameters.queue.enqueue(todo, { force: true });
    for (const o of outcomes) if (o.duplicate) summary.duplicates++;
    else summary.queued++;
    parameters.onProgress?.(summary);
  }

  async function add(repo: string, sha: string | undefined): Promise<void> {
    summary.listed++;
    if (!sha || !isCommitSha(sha)) {
      summary.skipped.push({ repo, reason: "no commit sha" });
      return;
    }
    batch.push({ repo, revision: sha, refs: [], origin: "sweep", queuedAt: new Date().toISOString() });
    if (batch.length >= 500) await flush();
  }

  if (parameters.repos) {
    for (const line of parameters.repos) {
      if (summary.listed >= limit) break;
      const [repo, sha] = line.split("@") as [string, string | undefined];
      checkRepo(repo);
      if (sha !== undefined) {
        if (!isCommitSha(sha)) throw new InvalidInputError(`not a 40-hex commit sha in "${line.slice(0, 200)}"`, { docsPath: "docs/hub-service.md#sweep" });
        await add(repo, sha);
        continue;
      }
      const response = await fetcher(`${hubUrl}/api/models/${repo}/revision/main?expand=sha`, { headers: parameters.accessToken ? { authorization: `Bearer ${parameters.accessToken}` } : {} });
      if (!response.ok) {
        summary.listed++;
        summary.skipped.push({ repo, reason: (await hubResponseError(response, repo)).shortMessage });
        continue;
      }
      const info = (await response.json()) as { sha?: unknown };
      await add(repo, typeof info.sha === "string" ? info.sha : undefined);
    }
  } else {
    const models = listModels({
      search: { ...(parameters.author ? { owner: parameters.author } : {}), ...(parameters.search ? { query: parameters.search } : {}) },
      hubUrl,
      additionalFields: ["sha"],
      ...(parameters.accessToken ? { accessToken: parameters.accessToken } : {}),
      fetch: fetcher,
    });
    for await (const model of models) {
      if (summary.listed >= limit) break;
      await add(model.name, (model as { sha?: string }).sha);
    }
  }
  await flush();
  return summary;
}

/** Parses a repo list file: one `org/name` or `org/name@sha` a line; blank lines and `#` comments are skipped. */
export function parseRepoList(text: string, location = "repo list"): string[] {
  const out: string[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/#.*$/, "").trim();
    if (!line) continue;
    const repo = line.split("@")[0]!;
    try {
      checkRepo(repo);
    } catch (error) {
      throw new InvalidInputError((error as InvalidInputError).shortMessage, { location: `${location}:${i + 1}`, docsPath: "docs/hub-service.md#sweep" });
    }
    out.push(line);
  }
  return out;
}
