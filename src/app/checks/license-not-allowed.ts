import { licensesNotAllowed } from "../license-policy.js";
import type { AppCheck, AppDiagnostic } from "../types.js";
import { licensedSubjects } from "./licensed-subjects.js";

/** With an allow list, every model and ancestor is under allowed licences (some OR alternative entirely allowed). */
export const licenseNotAllowed: AppCheck = {
  meta: {
    id: "app/license-not-allowed",
    description: "With policy.licenses.allow, every model and upstream model is under an allowed licence",
    defaultSeverity: "error",
    docs: "docs/app.md#app-license-not-allowed",
  },
  check({ manifest, models }) {
    const allow = manifest.policy?.licenses?.allow;
    if (allow === undefined) return [];
    const out: AppDiagnostic[] = [];
    for (const model of models) {
      for (const { ancestor, license, label } of licensedSubjects(model)) {
        const missing = licensesNotAllowed(license, allow);
        if (missing.length === 0) continue;
        out.push({
          ruleId: this.meta.id,
          severity: this.meta.defaultSeverity,
          model: model.id,
          ancestor,
          message: `${label} is under ${license}; the policy does not allow ${missing.join(", ")}`,
          docs: this.meta.docs,
        });
      }
    }
    return out;
  },
};
