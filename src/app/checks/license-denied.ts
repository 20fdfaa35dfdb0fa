import { licensesDenied } from "../license-policy.js";
import type { AppCheck, AppDiagnostic } from "../types.js";
import { licensedSubjects } from "./licensed-subjects.js";

/** No model or ancestor is under a licence (or category) the policy denies — unless an OR alternative avoids it. */
export const licenseDenied: AppCheck = {
  meta: {
    id: "app/license-denied",
    description: "No model or upstream model is under a licence the policy denies (policy.licenses.deny)",
    defaultSeverity: "error",
    docs: "docs/app.md#app-license-denied",
  },
  check({ manifest, models }) {
    const deny = manifest.policy?.licenses?.deny ?? [];
    if (deny.length === 0) return [];
    const out: AppDiagnostic[] = [];
    for (const model of models) {
      for (const { ancestor, license, label } of licensedSubjects(model)) {
        const hits = licensesDenied(license, deny);
        if (hits.length === 0) continue;
        out.push({
          ruleId: this.meta.id,
          severity: this.meta.defaultSeverity,
          model: model.id,
          ancestor,
          message: `${label} is under ${license}; the policy denies ${hits.map((h) => (h.rule === h.license ? h.license : `${h.license} (${h.rule})`)).join(", ")}`,
          docs: this.meta.docs,
        });
      }
    }
    return out;
  },
};
