import { bestForCommercialUse, isCommercialUse } from "../license-policy.js";
import type { AppCheck, AppDiagnostic } from "../types.js";

/** No upstream model of a commercially used model forbids commercial use (a derivative cannot grant more than its base allows). */
export const nonCommercialUpstream: AppCheck = {
  meta: {
    id: "app/non-commercial-upstream",
    description: "No ancestor of a model used in the product forbids commercial use",
    defaultSeverity: "error",
    docs: "docs/app.md#app-non-commercial-upstream",
  },
  check({ models }) {
    const out: AppDiagnostic[] = [];
    for (const model of models) {
      if (!isCommercialUse(model.use)) continue;
      for (const ancestor of model.lineage) {
        if (ancestor.license === null) continue;
        const best = bestForCommercialUse(ancestor.license);
        if (best?.commercialUse === "forbidden")
          out.push({
            ruleId: this.meta.id,
            severity: this.meta.defaultSeverity,
            model: model.id,
            ancestor: ancestor.repo,
            message: `${model.id} derives from ${ancestor.repo} (${ancestor.license}), which does not allow commercial use, but the app uses ${model.id} as "${model.use}"`,
            docs: this.meta.docs,
          });
        else if (best?.commercialUse === "unknown")
          out.push({
            ruleId: this.meta.id,
            severity: "warning",
            model: model.id,
            ancestor: ancestor.repo,
            message: `${model.id} derives from ${ancestor.repo} (${ancestor.license}): whether it allows commercial use is unknown; a person has to read the licence`,
            docs: this.meta.docs,
          });
      }
    }
    return out;
  },
};
