import { defineRule } from "../types.js";
import { termsLocation } from "../shared/release.js";

/** The payees' shares add up to exactly 100%. */
export const payeeSplitSum = defineRule({
  meta: { id: "omrl/payee-split-sum", description: "the payees' shares add up to exactly 100%", defaultSeverity: "error", type: "problem" },
  check(release) {
    const issues = release.terms?.issues.filter((i) => i.code === "semantic/payee-split-sum") ?? [];
    return issues.map((i) => ({ message: i.message, ...termsLocation(release, i.pointer) }));
  },
});
