import type { VerificationResult } from "../rules/index.js";

/**
 * The verification result as JSON (the `VerificationResult` object, 2-space indented).
 *
 * @example
 * writeFileSync("verify.json", formatJson(result));
 */
export function formatJson(result: VerificationResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
