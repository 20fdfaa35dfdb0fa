import type { AppCheck, AppDiagnostic } from "../types.js";

/** A model or an ancestor that could not be read or verified (gated, missing, offline, bad terms, no licence, digests that do not match). */
export const unverifiableModel: AppCheck = {
  meta: {
    id: "app/unverifiable-model",
    description: "Every model and every upstream model can be read and verified (warning; an error with policy unverifiableModels: deny)",
    defaultSeverity: "warning",
    docs: "docs/app.md#app-unverifiable-model",
  },
  check({ manifest, models }) {
    const severity = manifest.policy?.unverifiableModels === "deny" ? "error" : this.meta.defaultSeverity;
    const out: AppDiagnostic[] = [];
    for (const model of models) {
      if (model.unverifiable.length > 0)
        out.push({
          ruleId: this.meta.id,
          severity,
          model: model.id,
          message: `${model.id} (${model.source}) is unverifiable: ${model.unverifiable.map((r) => `${r.message} [${r.reason}]`).join("; ")}`,
          docs: this.meta.docs,
        });
      for (const ancestor of model.lineage)
        if (ancestor.unverifiable)
          out.push({
            ruleId: this.meta.id,
            severity,
            model: model.id,
            ancestor: ancestor.repo,
            message: `${model.id}: upstream ${ancestor.repo} is unverifiable: ${ancestor.unverifiable.message} [${ancestor.unverifiable.reason}]${ancestor.license ? ` (its child declares ${ancestor.license})` : ""}`,
            docs: this.meta.docs,
          });
    }
    return out;
  },
};
