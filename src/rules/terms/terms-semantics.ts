import { defineRule } from "../types.js";
import { termsLocation } from "../shared/release.js";

/** Semantic checks beyond the schema: EIP-55 addresses, CAIP ids, token on the payment chain, tier order… */
export const termsSemantics = defineRule({
  meta: { id: "omrl/terms-semantics", description: "omrl.json makes sense: addresses, CAIP ids, token chain, tiers, rates", defaultSeverity: "error", type: "problem" },
  check(release) {
    const issues = release.terms?.issues.filter((i) => i.code.startsWith("semantic/") && i.code !== "semantic/payee-split-sum") ?? [];
    return issues.map((i) => ({ message: `${i.pointer || "/"}: ${i.message} [${i.code}]`, ...termsLocation(release, i.pointer) }));
  },
});
