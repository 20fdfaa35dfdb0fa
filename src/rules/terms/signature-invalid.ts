import { defineRule } from "../types.js";
import { termsLocation } from "../shared/release.js";

/** The signature recovers to the signer it names, over the terms as they are now. */
export const signatureInvalid = defineRule({
  meta: { id: "omrl/signature-invalid", description: "the signature matches the terms as they are now", defaultSeverity: "error", type: "problem" },
  check(release) {
    const signature = release.terms?.signature;
    if (signature?.reason === "signer-mismatch")
      return [
        {
          message: `the signature does not match these terms: the terms changed after signing (for example by \`omrl tag\`): run \`omrl sign\` again (terms hash ${signature.termsHash})`,
          ...termsLocation(release, "/signature"),
        },
      ];
    if (signature?.reason === "malformed") return [{ message: "the signature cannot be verified (malformed value or scheme)", ...termsLocation(release, "/signature") }];
    return [];
  },
});
