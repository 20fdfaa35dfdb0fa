import { sha256Hex } from "./sha256-hex.js";
import { knowledgeBase } from "../licenses/index.js";
import { resolveRuleLevels, type RuleSetName } from "../rules/index.js";
import type { JudgedBy } from "./types.js";

declare const __OMRL_VERSION__: string | undefined;
/** The omrl version (set by the build). */
export const OMRL_VERSION = typeof __OMRL_VERSION__ === "string" ? __OMRL_VERSION__ : "0.0.0-dev";

const cache = new Map<string, JudgedBy>();

/** The version stamp stored with every result: omrl version, rule levels hash, knowledge base hash. */
export function judgedBy(ruleSet: RuleSetName = "hub"): JudgedBy {
  const hit = cache.get(ruleSet);
  if (hit) return hit;
  const levels = resolveRuleLevels(ruleSet);
  const stamp: JudgedBy = {
    ruleSet,
    omrl: OMRL_VERSION,
    rules: sha256Hex(JSON.stringify(Object.entries(levels).sort(([a], [b]) => (a < b ? -1 : 1)))).slice(0, 16),
    knowledgeBase: sha256Hex(JSON.stringify(knowledgeBase)).slice(0, 16),
  };
  cache.set(ruleSet, stamp);
  return stamp;
}
