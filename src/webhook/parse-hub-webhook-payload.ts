import { isCommitSha, isHubRepoId } from "../sources/hub/index.js";
import { WebhookPayloadError } from "./errors.js";
import type { HubUpdatedRef, HubWebhookDecision, HubWebhookPayload, WebhookRevision } from "./types.js";

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function requireString(value: unknown, location: string): string {
  if (typeof value !== "string" || value === "") throw new WebhookPayloadError("expected a non-empty string", { location });
  return value;
}

function optionalSha(value: unknown, location: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== "string" || !isCommitSha(value)) throw new WebhookPayloadError("expected a 40-hex commit sha or null", { location });
  return value.toLowerCase();
}

/**
 * Checks that a parsed JSON value has the shape of a Hub webhook payload (`event`, `repo`, and on
 * code changes `updatedRefs`) and returns it typed. Only the fields the handler relies on are
 * checked; unknown fields are kept.
 *
 * @example
 * const payload = parseHubWebhookPayload(JSON.parse(body));
 * payload.event.scope; // "repo.content"
 */
export function parseHubWebhookPayload(value: unknown): HubWebhookPayload {
  if (!isObject(value)) throw new WebhookPayloadError("a webhook payload must be a JSON object", { location: "/" });
  const { event, repo } = value;
  if (!isObject(event)) throw new WebhookPayloadError("missing event object", { location: "/event" });
  requireString(event.action, "/event/action");
  requireString(event.scope, "/event/scope");
  if (!isObject(repo)) throw new WebhookPayloadError("missing repo object", { location: "/repo" });
  requireString(repo.type, "/repo/type");
  requireString(repo.name, "/repo/name");
  if (repo.headSha !== undefined) optionalSha(repo.headSha, "/repo/headSha");
  if (value.updatedRefs !== undefined) {
    if (!Array.isArray(value.updatedRefs)) throw new WebhookPayloadError("updatedRefs must be an array", { location: "/updatedRefs" });
    value.updatedRefs.forEach((entry: unknown, i) => {
      if (!isObject(entry)) throw new WebhookPayloadError("expected an object", { location: `/updatedRefs/${i}` });
      requireString(entry.ref, `/updatedRefs/${i}/ref`);
      optionalSha(entry.oldSha, `/updatedRefs/${i}/oldSha`);
      optionalSha(entry.newSha, `/updatedRefs/${i}/newSha`);
    });
  }
  return value as HubWebhookPayload;
}

export type DecideHubWebhookParameters = {
  /** Which pushed refs to verify (default: all — branches, tags and `refs/pr/N`). */
  refFilter?: ((ref: string) => boolean) | undefined;
};

/** `repo.content`, or a narrower scope under it (the Hub says to treat those as updates of the broader one). */
function isContentScope(scope: string): boolean {
  return scope === "repo.content" || scope.startsWith("repo.content.");
}

/**
 * Decides what a delivery asks for: which commits of which model repo to verify, or why to ignore
 * it. Only content updates (`event.scope` `repo.content`, action `update`) of model repos are
 * verified. Each pushed commit is pinned by its sha — `updatedRefs[].newSha`, or `repo.headSha`
 * when the payload lists no refs — and refs that moved to the same commit are verified once.
 *
 * @example
 * decideHubWebhook(payload);
 * // { action: "verify", repo: "acme/llm", revisions: [{ revision: "575d…", refs: ["refs/heads/main"] }] }
 */
export function decideHubWebhook(payload: HubWebhookPayload, parameters: DecideHubWebhookParameters = {}): HubWebhookDecision {
  if (payload.repo.type !== "model") {
    return { action: "ignore", reason: "not-a-model", message: `${payload.repo.type} repos are not verified` };
  }
  const { scope, action } = payload.event;
  if (!isContentScope(scope) || action !== "update") {
    return { action: "ignore", reason: "not-a-content-update", message: `event ${scope}/${action} is not a content update` };
  }
  const repo = payload.repo.name;
  if (!isHubRepoId(repo)) throw new WebhookPayloadError(`not a Hub repo id: ${JSON.stringify(repo)}`, { location: "/repo/name" });

  const bySha = new Map<string, string[]>();
  const refs: HubUpdatedRef[] = payload.updatedRefs ?? [];
  for (const { ref, newSha } of refs) {
    if (newSha === null || newSha === undefined) continue; // a deleted ref has nothing to verify
    if (parameters.refFilter && !parameters.refFilter(ref)) continue;
    const sha = newSha.toLowerCase();
    bySha.set(sha, [...(bySha.get(sha) ?? []), ref]);
  }
  if (refs.length === 0 && payload.repo.headSha) bySha.set(payload.repo.headSha.toLowerCase(), []);

  if (bySha.size === 0) {
    const message = refs.length === 0 ? "the payload names no pushed commit" : "no updated ref points to a new commit to verify";
    return { action: "ignore", reason: "no-pushed-revision", message };
  }
  const revisions: WebhookRevision[] = [...bySha].map(([revision, refsAt]) => ({ revision, refs: refsAt }));
  return { action: "verify", repo, revisions };
}
