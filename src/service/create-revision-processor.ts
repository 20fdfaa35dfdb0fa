import type { OmrlConfig } from "../config/index.js";
import { inspect, unreadableRelease, UNVERIFIABLE_OPEN_REASONS, type ModelRelease } from "../inspect/index.js";
import { verifyRelease, type RuleSetName } from "../rules/index.js";
import { createHubSourceOpener, type OpenHubSourceParameters } from "../sources/hub/index.js";
import type { ModelSource } from "../sources/index.js";
import { TransientHubError } from "./errors.js";
import { judgedBy } from "./judged-by.js";
import type { ServiceProcessor, StoredResult } from "./types.js";

/** Reasons a read failed that may pass on a later try: the job is retried, not answered. */
export const TRANSIENT_REASONS: ReadonlySet<string> = new Set(["network", "unexpected"]);

export type CreateRevisionProcessorParameters = {
  /** Hub access: `hubUrl`, `accessToken`, `fetch`, `cache`, retries. */
  hub?: OpenHubSourceParameters | undefined;
  /** Opens `hf:org/name@sha` (default: one `createHubSourceOpener(hub)` for every job). */
  openSource?: ((spec: string) => Promise<ModelSource>) | undefined;
  /** Rule set (default `hub`). */
  ruleSet?: RuleSetName | undefined;
  /** The hub's own config (rule levels, suppressions); a repo's own config is never applied. */
  config?: OmrlConfig | undefined;
};

/**
 * The job every worker runs: open the repo pinned to the pushed sha, inspect it and verify it
 * with the `hub` rule set. A repo that is gated, private or missing is a result (`unverifiable`,
 * with the reason); a Hub that fails (5xx, 429, network, after the fetch's own retries) throws
 * `TransientHubError` so the queue retries later — a partial read is never stored as compliant.
 *
 * @example
 * const process = createRevisionProcessor({ hub: { hubUrl, accessToken } });
 * const result = await process({ repo: "acme/llm", revision: sha, refs: [], origin: "api", queuedAt }, { attempt: 1 });
 */
export function createRevisionProcessor(parameters: CreateRevisionProcessorParameters = {}): ServiceProcessor {
  const open = parameters.openSource ?? createHubSourceOpener(parameters.hub ?? {});
  const ruleSet = parameters.ruleSet ?? "hub";
  return async (job, { attempt }) => {
    const started = performance.now();
    const spec = `hf:${job.repo}@${job.revision}`;
    let release: ModelRelease;
    let error: StoredResult["error"];
    try {
      const source = await open(spec);
      release = await inspect(source);
    } catch (caught) {
      const reason = (caught as { reason?: unknown }).reason;
      const message = (caught as { shortMessage?: unknown }).shortMessage ?? (caught instanceof Error ? caught.message : String(caught));
      if (typeof reason !== "string" || TRANSIENT_REASONS.has(reason)) throw new TransientHubError(`${spec}: ${String(message)}`, { reason: typeof reason === "string" ? reason : "unexpected", cause: caught });
      if (!UNVERIFIABLE_OPEN_REASONS.has(reason) && reason !== "missing") throw caught;
      error = { reason, message: String(message) };
      release = unreadableRelease({ kind: "hub", id: spec }, { reason, message: String(message) });
    }
    const transient = release.unreadable.find((u) => TRANSIENT_REASONS.has(u.reason));
    if (transient) throw new TransientHubError(`${spec}: could not read ${transient.path ?? transient.what}: ${transient.message}`, { reason: transient.reason });
    const verified = verifyRelease(release, { ruleSet, config: parameters.config });
    return {
      repo: job.repo,
      revision: job.revision,
      refs: job.refs,
      status: verified.status,
      counts: verified.counts,
      diagnostics: verified.diagnostics,
      ...(verified.summary.termsHash ? { termsHash: verified.summary.termsHash } : {}),
      ...(verified.summary.license ? { license: verified.summary.license } : {}),
      summary: verified.summary,
      ...(error ? { error } : {}),
      verifiedAt: new Date().toISOString(),
      durationMs: Math.round(performance.now() - started),
      attempts: attempt,
      judgedBy: judgedBy(ruleSet),
    };
  };
}
