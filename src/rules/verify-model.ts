import { inspect, type InspectParameters } from "../inspect/index.js";
import type { ModelSource } from "../sources/index.js";
import { verifyRelease, type VerificationResult, type VerifyReleaseParameters } from "./verify-release.js";

export type VerifyModelParameters = VerifyReleaseParameters & InspectParameters;
export type VerifyModelReturnType = VerificationResult;

/**
 * One call for hub integrations and scripts: inspects an opened `ModelSource` (a Hub repo at a
 * pinned commit, a local folder, a single file) and verifies it against a rule set. The repo's
 * own `omrl.config.json` is **not** applied — a hub decides its own config; pass `config`.
 *
 * @example
 * const source = await openHubSource("hf:acme/llm@main", { accessToken });
 * const result = await verifyModel(source, { ruleSet: "hub" });
 * if (result.status !== "compliant") console.log(formatMarkdown(result));
 */
export async function verifyModel(source: ModelSource, parameters: VerifyModelParameters = {}): Promise<VerifyModelReturnType> {
  const release = await inspect(source, parameters);
  return verifyRelease(release, parameters);
}
