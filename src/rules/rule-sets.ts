import { rules } from "./registry.js";
import type { RuleLevel } from "./types.js";

export type RuleSetName = "publisher" | "hub" | "app";
export const RULE_SET_NAMES: readonly RuleSetName[] = ["publisher", "hub", "app"];

const defaults = (): Record<string, RuleLevel> => Object.fromEntries(rules.map((r) => [r.meta.id, r.meta.defaultSeverity]));

/**
 * The rule sets: which rules run, at which severity.
 * - `publisher` — a model publisher before release: every rule at its default severity.
 * - `hub` — a hub validating a pushed repo: card problems are errors (the Hub shows the card), the
 *   rendered licence text is a warning (the terms are what binds).
 * - `app` — an application checking a model it uses: what changes money or rights is an error;
 *   presentation (card, SPDX spelling) is quieter; obligations are shown as info.
 */
export const ruleSets: Record<RuleSetName, Record<string, RuleLevel>> = {
  publisher: defaults(),
  hub: {
    ...defaults(),
    "card/missing": "error",
    "card/license-missing": "error",
    "omrl/license-text-mismatch": "warning",
  },
  app: {
    ...defaults(),
    "card/missing": "off",
    "card/license-missing": "warning",
    "card/invalid": "warning",
    "card/lfs-pointer": "warning",
    "hub/license-mismatch": "warning",
    "omrl/license-text-mismatch": "warning",
    "artifacts/license-not-spdx": "off",
    "lineage/base-model-mismatch": "warning",
    "lineage/upstream-obligations": "info",
    "lineage/upstream-license-text-missing": "warning",
  },
};

/** Whether `name` is one of the rule sets. */
export function isRuleSetName(name: string): name is RuleSetName {
  return (RULE_SET_NAMES as readonly string[]).includes(name);
}
