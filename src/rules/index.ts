export type { Diagnostic, Finding, Rule, RuleContext, RuleLevel, RuleMeta, Severity, Suppression } from "./types.js";
export { defineRule, ruleDocs } from "./types.js";
export { rules, getRule } from "./registry.js";
export { ruleSets, RULE_SET_NAMES, isRuleSetName, type RuleSetName } from "./rule-sets.js";
export { verifyRelease, resolveRuleLevels, type VerificationResult, type VerificationStatus, type VerifyReleaseParameters } from "./verify-release.js";
export { verifyModel, type VerifyModelParameters, type VerifyModelReturnType } from "./verify-model.js";
export { locateJsonPointer } from "../text/index.js";
