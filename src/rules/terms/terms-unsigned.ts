import { defineRule } from "../types.js";

/** The terms carry an EIP-712 signature. */
export const termsUnsigned = defineRule({
  meta: { id: "omrl/terms-unsigned", description: "omrl.json is signed by the licensor (EIP-712)", defaultSeverity: "error", type: "problem" },
  check(release) {
    if (release.terms?.signature?.reason !== "unsigned") return [];
    return [{ message: "the terms are not signed (after `omrl tag` changes the artifact list, the old signature is removed): run `omrl sign` again", file: release.terms.path }];
  },
});
