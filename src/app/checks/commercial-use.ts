import { bestForCommercialUse, isCommercialUse } from "../license-policy.js";
import type { AppCheck, AppDiagnostic } from "../types.js";

/** The model's own licence allows the commercial use the manifest declares (evaluation and internal uses are exempt). */
export const commercialUse: AppCheck = {
  meta: {
    id: "app/commercial-use",
    description: "A model used in the product (hosted, embedded, fine-tuned) is under a licence that allows commercial use",
    defaultSeverity: "error",
    docs: "docs/app.md#app-commercial-use",
  },
  check({ models }) {
    const out: AppDiagnostic[] = [];
    for (const model of models) {
      if (!isCommercialUse(model.use) || model.license === null) continue;
      const best = bestForCommercialUse(model.license);
      if (!best) continue;
      if (best.commercialUse === "forbidden")
        out.push({
          ruleId: this.meta.id,
          severity: this.meta.defaultSeverity,
          model: model.id,
          message: `${model.id} is under ${model.license}, which does not allow commercial use, but the app uses it as "${model.use}"`,
          docs: this.meta.docs,
        });
      else if (best.commercialUse === "unknown")
        out.push({
          ruleId: this.meta.id,
          severity: "warning",
          model: model.id,
          message: `${model.id} is under ${model.license}: whether it allows commercial use is unknown; a person has to read the licence`,
          docs: this.meta.docs,
        });
    }
    return out;
  },
};
