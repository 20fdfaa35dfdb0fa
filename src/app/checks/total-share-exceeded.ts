import { compare, parsePercent, ppmToFraction } from "../../money/index.js";
import { formatShare, stackedShare, totalStackedShare } from "../stacked-share.js";
import { isCommercialUse } from "../license-policy.js";
import type { AppCheck } from "../types.js";

/** The sum of stacked revenue shares of every commercially used model stays within policy.maxTotalRevenueShare (exact). */
export const totalShareExceeded: AppCheck = {
  meta: {
    id: "app/total-share-exceeded",
    description: "The total revenue share of all models and their upstream chains is within policy.maxTotalRevenueShare",
    defaultSeverity: "error",
    docs: "docs/app.md#app-total-share-exceeded",
  },
  check(context) {
    const limit = context.manifest.policy?.maxTotalRevenueShare;
    if (limit === undefined) return [];
    const total = totalStackedShare(context);
    if (compare(total, ppmToFraction(parsePercent(limit, "policy.maxTotalRevenueShare"))) <= 0) return [];
    const parts = context.models
      .filter((m) => isCommercialUse(m.use) && m.terms)
      .map((m) => `${m.id} ${formatShare(stackedShare(m).total)}`)
      .join(" + ");
    return [
      {
        ruleId: this.meta.id,
        severity: this.meta.defaultSeverity,
        message: `total revenue share ${formatShare(total)} (${parts}) exceeds the policy's maximum ${limit}`,
        docs: this.meta.docs,
      },
    ];
  },
};
