import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { InvalidInputError } from "../errors.js";
import { writeFileAtomic } from "../node/index.js";
import { checkRepo, jobKey } from "./job-key.js";
import { countJob, emptyCounters } from "./service-counters.js";
import { createRateLimiter, type RateLimit } from "./rate-limiter.js";
import type { DeadLetter, EnqueueOutcome, JobStatus, QueueDepth, ServiceCounters, ServiceJob, ServiceProcessor, ServiceQueue, StoredResult } from "./types.js";

export type QueueRetryParameters = {
  /** Tries before a job is dead-lettered (default 5). */
  attempts?: number | undefined;
  /** First retry delay; each next one doubles (default 2000 ms). */
  backoffMs?: number | undefined;
};

export type CreateEmbeddedQueueParameters = QueueRetryParameters & {
  /** The directory of the file store: queued jobs, results, dead letters, refs. Created if missing. */
  dir: string;
  /** Runs a job (default for `omrl serve`: `createRevisionProcessor`). */
  process: ServiceProcessor;
  /** Jobs run at once (default 2). */
  concurrency?: number | undefined;
  /** Jobs started per window, toward the Hub (default: no limit). */
  rateLimit?: RateLimit | undefined;
  /** Where job outcomes, Hub requests and durations are counted (default: fresh counters). */
  counters?: ServiceCounters | undefined;
  /** Called after a result is stored. */
  onResult?: ((result: StoredResult) => void | Promise<void>) | undefined;
  /** Called after a job is dead-lettered. */
  onDeadLetter?: ((dead: DeadLetter) => void | Promise<void>) | undefined;
  /** Errors of `onResult`/`onDeadLetter` and of the store (default `console.error`). */
  onError?: ((error: unknown) => void) | undefined;
};

type Entry = { job: ServiceJob; attempts: number; state: "queued" | "running" | "retrying"; reason?: string | undefined; timer?: ReturnType<typeof setTimeout> | undefined };

const fileKey = (key: string) => key.replace("/", "~");
const keyOfFile = (name: string) => name.replace(/\.json$/, "").replace("~", "/");

/**
 * The queue driver that needs nothing but this process and a directory: jobs are written to
 * `dir/queue/` (atomically) before `enqueue` returns and removed once their result is stored, so
 * a restart picks up every job that was accepted and not finished. Results are JSON files under
 * `dir/results/`, dead letters under `dir/dead/`. One process only: use the Redis driver for more.
 *
 * @example
 * const queue = await createEmbeddedQueue({ dir: ".omrl-service", process: createRevisionProcessor({ hub }) });
 * await queue.enqueue([{ repo: "acme/llm", revision: sha, refs: ["refs/heads/main"], origin: "api", queuedAt: new Date().toISOString() }]);
 */
export async function createEmbeddedQueue(parameters: CreateEmbeddedQueueParameters): Promise<ServiceQueue & { idle(): Promise<void> }> {
  const { dir } = parameters;
  const attempts = parameters.attempts ?? 5;
  const backoffMs = parameters.backoffMs ?? 2000;
  const concurrency = parameters.concurrency ?? 2;
  if (!Number.isInteger(attempts) || attempts < 1) throw new InvalidInputError(`attempts must be a positive integer, got ${attempts}`);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new InvalidInputError(`concurrency must be a positive integer, got ${concurrency}`);
  const counters = parameters.counters ?? emptyCounters();
  const onError = parameters.onError ?? ((error: unknown) => console.error("omrl service:", error));
  const limiter = parameters.rateLimit ? createRateLimiter(parameters.rateLimit) : undefined;
  for (const sub of ["queue", "results", "dead", "refs"]) await mkdir(join(dir, sub), { recursive: true });

  const entries = new Map<string, Entry>();
  const reserved = new Set<string>();
  const ready: string[] = [];
  let running = 0;
  let done = (await readdir(join(dir, "results"), { recursive: true })).filter((f) => String(f).endsWith(".json") && !String(f).endsWith("latest.json")).length;
  let deadCount = (await readdir(join(dir, "dead"))).length;
  let closed = false;
  let idleWaiters: (() => void)[] = [];
  const refWrites = new Map<string, Promise<void>>();

  const resultPath = (repo: string, revision: string) => join(dir, "results", ...repo.split("/"), `${revision}.json`);
  const queuePath = (key: string) => join(dir, "queue", `${fileKey(key)}.json`);
  const deadPath = (key: string) => join(dir, "dead", `${fileKey(key)}.json`);
  const refsPath = (repo: string) => join(dir, "refs", `${fileKey(repo)}.json`);

  async function readJson<T>(path: string): Promise<T | undefined> {
    try {
      return JSON.parse(await readFile(path, "utf8")) as T;
    } catch (error) {
      if ((error as { code?: string }).code === "ENOENT") return undefined;
      throw error;
    }
  }

  function checkIdle(): void {
    if (running === 0 && entries.size === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  function pump(): void {
    while (!closed && running < concurrency && ready.length > 0) {
      const key = ready.shift()!;
      const entry = entries.get(key);
      if (!entry || entry.state !== "queued") continue;
      running++;
      entry.state = "running";
      void run(key, entry).finally(() => {
        running--;
        pump();
        checkIdle();
      });
    }
  }

  async function run(key: string, entry: Entry): Promise<void> {
    if (limiter) await limiter.take();
    entry.attempts++;
    const started = performance.now();
    try {
      const result = await parameters.process(entry.job, { attempt: entry.attempts });
      await mkdir(join(dir, "results", ...entry.job.repo.split("/")), { recursive: true });
      await writeFileAtomic(resultPath(entry.job.repo, entry.job.revision), JSON.stringify(result));
      await rm(deadPath(key), { force: true });
      await rm(queuePath(key), { force: true });
      entries.delete(key);
      done++;
      countJob(counters, result.status, (performance.now() - started) / 1000);
      await safely(() => parameters.onResult?.(result));
    } catch (error) {
      const reason = error instanceof Error ? ((error as { shortMessage?: string }).shortMessage ?? error.message) : String(error);
      entry.reason = reason;
      if (entry.attempts >= attempts) {
        const dead: DeadLetter = { repo: entry.job.repo, revision: entry.job.revision, refs: entry.job.refs, reason, attempts: entry.attempts, failedAt: new Date().toISOString() };
        await writeFileAtomic(deadPath(key), JSON.stringify(dead)).catch(onError);
        await rm(queuePath(key), { force: true }).catch(onError);
        entries.delete(key);
        deadCount++;
        countJob(counters, "dead", (performance.now() - started) / 1000);
        await safely(() => parameters.onDeadLetter?.(dead));
        return;
      }
      countJob(counters, "retried");
      entry.state = "retrying";
      await writeFileAtomic(queuePath(key), JSON.stringify({ job: entry.job, attempts: entry.attempts })).catch(onError);
      const delay = backoffMs * 2 ** (entry.attempts - 1);
      entry.timer = setTimeout(() => {
        entry.timer = undefined;
        entry.state = "queued";
        ready.push(key);
        pump();
      }, delay);
    }
  }

  async function safely(fn: () => void | Promise<void> | undefined): Promise<void> {
    try {
      await fn();
    } catch (error) {
      onError(error);
    }
  }

  function admit(key: string, job: ServiceJob, attemptsMade: number): void {
    entries.set(key, { job, attempts: attemptsMade, state: "queued" });
    ready.push(key);
  }

  // jobs accepted before a restart or crash
  for (const name of await readdir(join(dir, "queue"))) {
    if (!name.endsWith(".json")) continue;
    const saved = await readJson<{ job: ServiceJob; attempts: number }>(join(dir, "queue", name));
    if (saved) admit(keyOfFile(name), saved.job, saved.attempts);
  }

  function updateRefs(job: ServiceJob): Promise<void> {
    const previous = refWrites.get(job.repo) ?? Promise.resolve();
    const next = previous.then(async () => {
      const refs = (await readJson<Record<string, string>>(refsPath(job.repo))) ?? {};
      for (const ref of job.refs) refs[ref] = job.revision.toLowerCase();
      refs["@latest"] = job.revision.toLowerCase();
      await writeFileAtomic(refsPath(job.repo), JSON.stringify(refs));
    });
    refWrites.set(job.repo, next.catch(() => undefined));
    return next;
  }

  const queue: ServiceQueue & { idle(): Promise<void> } = {
    driver: "embedded",
    async enqueue(jobs, options = {}) {
      const outcomes: EnqueueOutcome[] = [];
      for (const job of jobs) {
        const key = jobKey(job.repo, job.revision);
        // checked and reserved synchronously: concurrent deliveries of one push are one job
        let duplicate = entries.has(key) || reserved.has(key);
        if (!duplicate) {
          reserved.add(key);
          try {
            if (!options.force) duplicate = (await readJson(resultPath(job.repo, job.revision.toLowerCase()))) !== undefined || (await readJson(deadPath(key))) !== undefined;
            if (!duplicate) {
              const stored: ServiceJob = { ...job, revision: job.revision.toLowerCase() };
              await writeFileAtomic(queuePath(key), JSON.stringify({ job: stored, attempts: 0 }));
              if (await readJson(deadPath(key))) {
                await rm(deadPath(key), { force: true });
                deadCount--;
              }
              admit(key, stored, 0);
            }
          } finally {
            reserved.delete(key);
          }
        }
        await updateRefs(job);
        outcomes.push({ jobId: key, duplicate });
      }
      pump();
      return outcomes;
    },
    async result(repo, revision) {
      checkRepo(repo);
      const sha = revision ?? (await queue.refs(repo))["@latest"];
      if (!sha) return undefined;
      jobKey(repo, sha);
      return readJson<StoredResult>(resultPath(repo, sha.toLowerCase()));
    },
    async refs(repo) {
      checkRepo(repo);
      await refWrites.get(repo);
      return (await readJson<Record<string, string>>(refsPath(repo))) ?? {};
    },
    async status(repo, revision) {
      const key = jobKey(repo, revision);
      const entry = entries.get(key);
      if (entry) return { key, state: entry.state, attempts: entry.attempts, ...(entry.reason ? { reason: entry.reason } : {}) } satisfies JobStatus;
      const result = await readJson<StoredResult>(resultPath(repo, revision.toLowerCase()));
      if (result) return { key, state: "done", attempts: result.attempts };
      const dead = await readJson<DeadLetter>(deadPath(key));
      if (dead) return { key, state: "dead", attempts: dead.attempts, reason: dead.reason };
      return undefined;
    },
    async deadLetter(repo, revision) {
      return readJson<DeadLetter>(deadPath(jobKey(repo, revision)));
    },
    async depth(): Promise<QueueDepth> {
      let waiting = 0;
      let delayed = 0;
      for (const e of entries.values()) {
        if (e.state === "queued") waiting++;
        else if (e.state === "retrying") delayed++;
      }
      return { waiting, active: running, delayed, dead: deadCount, done };
    },
    async counters() {
      return counters;
    },
    idle() {
      if (running === 0 && entries.size === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
    async close() {
      closed = true;
      for (const e of entries.values()) if (e.timer) clearTimeout(e.timer);
      // running jobs finish; anything not finished stays in dir/queue for the next start
      while (running > 0) await new Promise((r) => setTimeout(r, 10));
      await Promise.all([...refWrites.values()]);
    },
  };
  pump();
  return queue;
}
