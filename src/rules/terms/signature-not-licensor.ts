import { defineRule } from "../types.js";
import { termsLocation } from "../shared/release.js";

/** The valid signature is by the licensor's own account. */
export const signatureNotLicensor = defineRule({
  meta: { id: "omrl/signature-not-licensor", description: "the signature is by the licensor's account", defaultSeverity: "error", type: "problem" },
  check(release) {
    const signature = release.terms?.signature;
    if (signature?.reason !== "not-licensor") return [];
    return [{ message: `the terms are signed by ${signature.signer}, not by the licensor ${signature.licensor}`, ...termsLocation(release, "/signature/signer") }];
  },
});
