import { InvalidInputError } from "../errors.js";
import { inspect, unreadableRelease, UNVERIFIABLE_OPEN_REASONS, type InspectParameters, type ModelRelease } from "../inspect/index.js";
import { openHubSource, type OpenHubSourceParameters } from "../sources/hub/index.js";
import type { ModelSource } from "../sources/index.js";
import { verifyRelease, type VerificationResult, type VerifyReleaseParameters } from "./verify-release.js";

export type VerifyModelParameters = VerifyReleaseParameters &
  InspectParameters & {
    /** How to open an `hf:org/name[@rev]` target given as a string (hub URL, token, fetch, cache). */
    hub?: OpenHubSourceParameters | undefined;
  };
export type VerifyModelReturnType = VerificationResult;

/**
 * One call for hub integrations and scripts: inspects a release and verifies it against a rule
 * set. `target` is an opened `ModelSource` (a Hub repo at a pinned commit, a local folder or file
 * from `omrl/node`) or an `hf:org/name[@rev]` string, opened here with `parameters.hub`. A repo
 * that cannot be opened for lack of access or network is a result with status `unverifiable`, not
 * an exception. The repo's own `omrl.config.json` is **not** applied — a hub decides its own
 * config; pass `config`.
 *
 * @example
 * const result = await verifyModel("hf:acme/llm@main", { ruleSet: "hub", hub: { accessToken } });
 * if (result.status !== "compliant") await postComment(formatMarkdown(result));
 */
export async function verifyModel(target: ModelSource | string, parameters: VerifyModelParameters = {}): Promise<VerifyModelReturnType> {
  let release: ModelRelease;
  if (typeof target === "string") {
    if (!target.startsWith("hf:")) throw new InvalidInputError(`verifyModel takes an opened ModelSource or an hf:org/name[@rev] spec, got "${target}" (open local paths with openLocalSource from omrl/node)`);
    let source: ModelSource;
    try {
      source = await openHubSource(target, parameters.hub);
    } catch (error) {
      const reason = (error as { reason?: unknown }).reason;
      if (typeof reason !== "string" || !UNVERIFIABLE_OPEN_REASONS.has(reason)) throw error;
      const message = (error as { shortMessage?: string }).shortMessage ?? String(error);
      return verifyRelease(unreadableRelease({ kind: "hub", id: target }, { reason, message }, parameters.digests), parameters);
    }
    release = await inspect(source, parameters);
  } else release = await inspect(target, parameters);
  return verifyRelease(release, parameters);
}
