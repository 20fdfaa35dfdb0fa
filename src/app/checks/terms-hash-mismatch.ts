import type { AppCheck, AppDiagnostic } from "../types.js";

/** The terms read are the terms agreed: the manifest's `termsHash` for a model, the child's `upstream[].termsHash` for an ancestor. */
export const termsHashMismatch: AppCheck = {
  meta: {
    id: "app/terms-hash-mismatch",
    description: "Terms hash to what the manifest (or the child's upstream entry) agreed to",
    defaultSeverity: "error",
    docs: "docs/app.md#app-terms-hash-mismatch",
  },
  check({ manifest, models }) {
    const out: AppDiagnostic[] = [];
    for (const model of models) {
      const agreed = manifest.models.find((m) => m.id === model.id)?.termsHash;
      if (agreed !== undefined && model.unverifiable.length === 0 && model.termsHash !== agreed)
        out.push({
          ruleId: this.meta.id,
          severity: this.meta.defaultSeverity,
          model: model.id,
          message: `${model.id}: the manifest agreed to terms ${agreed}, but ${model.source} has ${model.termsHash ?? "no terms"}`,
          docs: this.meta.docs,
        });
      for (const ancestor of model.lineage)
        if (ancestor.declaredTermsHash !== undefined && !ancestor.unverifiable && ancestor.termsHash !== ancestor.declaredTermsHash)
          out.push({
            ruleId: this.meta.id,
            severity: this.meta.defaultSeverity,
            model: model.id,
            ancestor: ancestor.repo,
            message: `${ancestor.child} names ${ancestor.repo} with terms hash ${ancestor.declaredTermsHash}, but its terms hash to ${ancestor.termsHash ?? "nothing (no omrl.json)"}`,
            docs: this.meta.docs,
          });
    }
    return out;
  },
};
