import type { ModelRelease } from "../inspect/index.js";

export type Severity = "error" | "warning" | "info";
/** A severity in a rule set or config: a severity, or `off`. */
export type RuleLevel = Severity | "off";

/** Why a finding is accepted, in the manner of ORT's resolutions. */
export type Suppression = { reason: string; comment: string };

/** One finding of one rule. */
export type Diagnostic = {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Path inside the release, `/`-separated. */
  file?: string | undefined;
  /** JSON pointer into `file` (for omrl.json findings). */
  pointer?: string | undefined;
  /** 1-based line and column in `file`, where known. */
  line?: number | undefined;
  column?: number | undefined;
  /** Other places that explain the finding (the card, the terms…). */
  related?: { file?: string | undefined; message: string }[] | undefined;
  /** Set when a resolution accepts the finding: it stays in every report but does not count. */
  suppressed?: Suppression | undefined;
};

/** What a rule's `check` returns: a diagnostic without `ruleId` and `severity` (the engine adds them). */
export type Finding = Omit<Diagnostic, "ruleId" | "severity" | "suppressed">;

export type RuleMeta = {
  /** Stable id, `<area>/<name>`. */
  id: string;
  /** One line: what the rule checks. */
  description: string;
  defaultSeverity: Severity;
  /** `docs/rules.md#<anchor>`. */
  docs: string;
  /** `problem`: something is wrong; `suggestion`: could be better; `obligation`: what a licence obliges. */
  type?: "problem" | "suggestion" | "obligation" | undefined;
};

export type RuleContext = {
  /** The rule set being applied. */
  ruleSet: string;
};

/** A check, in the manner of an ESLint rule: pure and synchronous (`inspect` did all the IO). */
export type Rule = {
  meta: RuleMeta;
  check(release: ModelRelease, context: RuleContext): Finding[];
};

/** The docs link for a rule id: `docs/rules.md#omrl-terms-missing` for `omrl/terms-missing`. */
export function ruleDocs(id: string): string {
  return `docs/rules.md#${id.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}`;
}

/** Builds a rule, filling in the docs anchor from its id. */
export function defineRule(rule: { meta: Omit<RuleMeta, "docs">; check: Rule["check"] }): Rule {
  return { meta: { ...rule.meta, docs: ruleDocs(rule.meta.id) }, check: rule.check };
}
