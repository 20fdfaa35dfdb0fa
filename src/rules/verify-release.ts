import picomatch from "picomatch";
import type { OmrlConfig, Resolution } from "../config/index.js";
import { InvalidConfigError } from "../config/index.js";
import type { ModelRelease } from "../inspect/index.js";
import { getRule, rules } from "./registry.js";
import { isRuleSetName, ruleSets, type RuleSetName } from "./rule-sets.js";
import type { Diagnostic, RuleLevel, RuleMeta, Severity } from "./types.js";

export type VerificationStatus = "compliant" | "violations" | "unverifiable";

/** The outcome of verifying one release: what reporters render and the CLI turns into an exit code. */
export type VerificationResult = {
  source: { id: string; kind: string; revision?: string | undefined };
  ruleSet: string;
  /** Every finding, suppressed ones included (marked `suppressed`), in rule order then file. */
  diagnostics: Diagnostic[];
  /** Unsuppressed findings by severity, and how many were suppressed. */
  counts: { error: number; warning: number; info: number; suppressed: number };
  /**
   * `unverifiable` when anything the checks needed could not be read (never "compliant" on partial
   * data); else `violations` when an unsuppressed error remains; else `compliant`.
   */
  status: VerificationStatus;
  /** The rules that ran, with the severity they ran at (for SARIF's `tool.driver.rules`). */
  rules: (RuleMeta & { severity: Severity })[];
  /** What was and was not looked at. */
  summary: {
    files: number;
    artifacts: number;
    digests: ModelRelease["options"]["digests"];
    termsHash?: string | undefined;
    /** The signer, when the signature is valid (by the licensor or not). */
    signer?: string | undefined;
    license?: string | undefined;
  };
};

export type VerifyReleaseParameters = {
  /** `publisher` (default), `hub` or `app`; a config's `extends` is used when this is not given. */
  ruleSet?: RuleSetName | undefined;
  config?: OmrlConfig | undefined;
};

/** The severity of every rule after the rule set and the config's `rules` are applied. */
export function resolveRuleLevels(ruleSet: RuleSetName, config?: OmrlConfig): Record<string, RuleLevel> {
  const levels = { ...ruleSets[ruleSet] };
  for (const [id, level] of Object.entries(config?.rules ?? {})) {
    if (!getRule(id)) throw new InvalidConfigError(`unknown rule id "${id}" in the config's rules`, undefined, `known: ${rules.map((r) => r.meta.id).join(", ")}`);
    levels[id] = level;
  }
  return levels;
}

function matcher(resolution: Resolution): (d: Diagnostic) => boolean {
  const rule = picomatch(resolution.rule);
  const path = resolution.path === undefined ? undefined : picomatch(resolution.path, { dot: true });
  const message = resolution.message === undefined ? undefined : new RegExp(resolution.message);
  return (d) => rule(d.ruleId) && (path === undefined || (d.file !== undefined && path(d.file))) && (message === undefined || message.test(d.message));
}

/**
 * Runs the rules of a rule set over an inspected release, applies the config (severities,
 * resolutions), and sums up. Pure and synchronous.
 *
 * @example
 * const result = verifyRelease(await inspect(source), { ruleSet: "hub" });
 * result.status; // "compliant" | "violations" | "unverifiable"
 */
export function verifyRelease(release: ModelRelease, parameters: VerifyReleaseParameters = {}): VerificationResult {
  const config = parameters.config;
  const ruleSet = parameters.ruleSet ?? config?.extends ?? "publisher";
  if (!isRuleSetName(ruleSet)) throw new InvalidConfigError(`unknown rule set "${ruleSet}" (publisher, hub or app)`);
  const levels = resolveRuleLevels(ruleSet, config);
  const resolutions = (config?.resolutions ?? []).map((r) => ({ resolution: r, matches: matcher(r) }));
  const diagnostics: Diagnostic[] = [];
  const ran: VerificationResult["rules"] = [];
  for (const rule of rules) {
    const level = levels[rule.meta.id] ?? rule.meta.defaultSeverity;
    if (level === "off") continue;
    ran.push({ ...rule.meta, severity: level });
    for (const finding of rule.check(release, { ruleSet })) {
      const diagnostic: Diagnostic = { ruleId: rule.meta.id, severity: level, ...finding };
      for (const key of Object.keys(diagnostic) as (keyof Diagnostic)[]) if (diagnostic[key] === undefined) delete diagnostic[key];
      const hit = resolutions.find((r) => r.matches(diagnostic));
      if (hit) diagnostic.suppressed = { reason: hit.resolution.reason, comment: hit.resolution.comment };
      diagnostics.push(diagnostic);
    }
  }
  const counts = { error: 0, warning: 0, info: 0, suppressed: 0 };
  for (const d of diagnostics) {
    if (d.suppressed) counts.suppressed++;
    else counts[d.severity]++;
  }
  const unverifiable = diagnostics.some((d) => d.ruleId === "source/unverifiable" && !d.suppressed) || (release.unreadable.length > 0 && levels["source/unverifiable"] === "off");
  const status: VerificationStatus = unverifiable ? "unverifiable" : counts.error > 0 ? "violations" : "compliant";
  const fm = release.card?.frontMatter;
  const license = fm?.license === undefined ? undefined : Array.isArray(fm.license) ? fm.license.join(", ") : fm.license;
  return {
    source: { ...release.source },
    ruleSet,
    diagnostics,
    counts,
    status,
    rules: ran,
    summary: {
      files: release.files.length,
      artifacts: release.artifacts.length,
      digests: release.options.digests,
      termsHash: release.terms?.termsHash,
      signer: release.terms?.signature?.valid ? release.terms.signature.signer : undefined,
      license: license === "other" && fm?.licenseName ? `other (${fm.licenseName})` : license,
    },
  };
}
