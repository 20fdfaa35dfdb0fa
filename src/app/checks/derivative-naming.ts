import { licenseAlternatives } from "../license-policy.js";
import type { AppCheck, AppDiagnostic } from "../types.js";

/** A model derived from a base whose licence has a naming rule (Llama 3.1+: names begin with "Llama") follows it. */
export const derivativeNaming: AppCheck = {
  meta: {
    id: "app/derivative-naming",
    description: "A model derived from a licence with a naming rule (Llama: the name begins with \"Llama\") follows it",
    defaultSeverity: "warning",
    docs: "docs/app.md#app-derivative-naming",
  },
  check({ models }) {
    const out: AppDiagnostic[] = [];
    for (const model of models) {
      const prefixes = new Map<string, { repo: string; rule: string }>();
      for (const ancestor of model.lineage) {
        if (ancestor.license === null) continue;
        const alternatives = licenseAlternatives(ancestor.license) ?? [];
        // Under OR the licensee may pick an alternative without a naming rule: only rules in every alternative bind.
        const first = alternatives[0];
        if (!first) continue;
        for (const naming of first.naming)
          if (alternatives.every((alt) => alt.naming.some((n) => n.prefix === naming.prefix)) && !prefixes.has(naming.prefix))
            prefixes.set(naming.prefix, { repo: ancestor.repo, rule: naming.rule });
      }
      for (const [prefix, { repo, rule }] of prefixes) {
        const names = [model.name, model.repo?.split("/")[1]].filter((n): n is string => n !== undefined);
        if (names.some((n) => n.toLowerCase().startsWith(prefix.toLowerCase()))) continue;
        out.push({
          ruleId: this.meta.id,
          severity: this.meta.defaultSeverity,
          model: model.id,
          ancestor: repo,
          message: `${model.id} ("${model.name}") derives from ${repo}, whose licence requires: ${rule}`,
          docs: this.meta.docs,
        });
      }
    }
    return out;
  },
};
