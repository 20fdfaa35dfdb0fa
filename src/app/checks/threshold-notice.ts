import { lookupLicense } from "../../licenses/index.js";
import { groupThousands } from "../../text/index.js";
import type { OmrlTerms } from "../../terms/index.js";
import { isCommercialUse, licenseAlternatives } from "../license-policy.js";
import type { AppCheck, AppDiagnostic } from "../types.js";

function termsThresholds(terms: OmrlTerms): string | undefined {
  const t = terms.revenueShare.thresholds;
  if (!t) return undefined;
  const parts: string[] = [];
  if (t.annualRevenue !== undefined) parts.push(`annual revenue at or below ${t.annualRevenue} ${terms.revenueShare.currency} (${t.revenueWindow ?? "trailing_12_months"})`);
  if (t.monthlyActiveUsers !== undefined) parts.push(`monthly active users at or below ${t.monthlyActiveUsers}`);
  return parts.length > 0 ? parts.join(" or ") : undefined;
}

/**
 * Thresholds the app should watch (info): licence user and revenue thresholds above which the
 * licence no longer grants the rights by itself (Llama: 700 million monthly active users), and the
 * OMRL exemption thresholds below which a period owes nothing.
 */
export const thresholdNotice: AppCheck = {
  meta: {
    id: "app/threshold-notice",
    description: "Licence user/revenue thresholds (e.g. Llama's 700M MAU) and OMRL exemption thresholds that apply to the app",
    defaultSeverity: "info",
    docs: "docs/app.md#app-threshold-notice",
  },
  check({ models }) {
    const out: AppDiagnostic[] = [];
    for (const model of models) {
      if (!isCommercialUse(model.use)) continue;
      const subjects = [{ repo: undefined as string | undefined, license: model.license, terms: model.terms }, ...model.lineage.map((a) => ({ repo: a.repo, license: a.license, terms: a.terms }))];
      for (const { repo, license, terms } of subjects) {
        const who = repo === undefined ? model.id : `${model.id} (via upstream ${repo})`;
        const seen = new Set<string>();
        for (const alt of license === null ? [] : (licenseAlternatives(license) ?? []))
          for (const l of alt.licenses) {
            const entry = lookupLicense(l.license);
            if (!entry || seen.has(entry.spdx)) continue;
            seen.add(entry.spdx);
            if (entry.userThreshold)
              out.push({
                ruleId: this.meta.id,
                severity: this.meta.defaultSeverity,
                model: model.id,
                ancestor: repo,
                message: `${who}: ${entry.name} — above ${groupThousands(entry.userThreshold.monthlyActiveUsers)} monthly active users: ${entry.userThreshold.effect}`,
                docs: this.meta.docs,
              });
            if (entry.revenueThreshold)
              out.push({
                ruleId: this.meta.id,
                severity: this.meta.defaultSeverity,
                model: model.id,
                ancestor: repo,
                message: `${who}: ${entry.name} — above ${entry.revenueThreshold.annualRevenue} ${entry.revenueThreshold.currency} annual revenue: ${entry.revenueThreshold.effect}`,
                docs: this.meta.docs,
              });
          }
        const exempt = terms ? termsThresholds(terms) : undefined;
        if (exempt)
          out.push({
            ruleId: this.meta.id,
            severity: this.meta.defaultSeverity,
            model: model.id,
            ancestor: repo,
            message: `${who}: OMRL revenue share ${terms!.revenueShare.rate} of ${terms!.revenueShare.basis} revenue is exempt in a period with ${exempt}`,
            docs: this.meta.docs,
          });
      }
    }
    return out;
  },
};
