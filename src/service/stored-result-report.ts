import { getRule, resolveRuleLevels, isRuleSetName, type VerificationResult } from "../rules/index.js";
import type { StoredResult } from "./types.js";

/**
 * The verification report of a stored result, in the shape `formatMarkdown`, `formatText`,
 * `formatJson` and `formatSarif` take (the rules' descriptions and docs links come from this
 * omrl's rule registry).
 *
 * @example
 * onResult: async (result) => {
 *   if (result.status !== "compliant") await openDiscussion(result.repo, formatMarkdown(storedResultReport(result)));
 * }
 */
export function storedResultReport(stored: StoredResult): VerificationResult {
  const ruleSet = isRuleSetName(stored.judgedBy.ruleSet) ? stored.judgedBy.ruleSet : "hub";
  const levels = resolveRuleLevels(ruleSet);
  const rules: VerificationResult["rules"] = [];
  for (const [id, level] of Object.entries(levels)) {
    const meta = getRule(id)?.meta;
    if (meta && level !== "off") rules.push({ ...meta, severity: level });
  }
  return {
    source: { id: `hf:${stored.repo}@${stored.revision}`, kind: "hub", revision: stored.revision },
    ruleSet,
    diagnostics: stored.diagnostics,
    counts: stored.counts,
    status: stored.status,
    rules,
    summary: stored.summary,
  };
}
