import { ruleDocs } from "../../rules/index.js";
import type { AppCheck, AppDiagnostic } from "../types.js";

/**
 * Release rules whose subject the app checks already judge with the app's policy in mind, so the
 * gate reports them once: signatures (`app/unsigned-terms`, which honours `requireSignedTerms`),
 * unreadable sources (`app/unverifiable-model`), upstream licences and obligations
 * (`app/non-commercial-upstream`, `app/obligations`).
 */
const COVERED_BY_APP_CHECKS = new Set([
  "omrl/terms-unsigned",
  "omrl/signature-invalid",
  "omrl/signature-not-licensor",
  "source/unverifiable",
  "lineage/upstream-noncommercial",
  "lineage/upstream-obligations",
  "license/obligations",
]);

/** The findings of each model's release under the `app` rule set (`omrl verify --rule-set app`). */
export const releaseRules: AppCheck = {
  meta: {
    id: "app/release",
    description: "each model's release passes the `app` rule set of `omrl verify` (terms, licence text, artifacts, embedded metadata, card)",
    defaultSeverity: "error",
    docs: "docs/app.md#app-release",
  },
  check({ models }) {
    const out: AppDiagnostic[] = [];
    for (const model of models) {
      for (const finding of model.release?.diagnostics ?? []) {
        if (finding.suppressed || COVERED_BY_APP_CHECKS.has(finding.ruleId)) continue;
        const local = model.origin === "local" && finding.file !== undefined;
        out.push({
          ruleId: finding.ruleId,
          severity: finding.severity,
          model: model.id,
          message: `${model.id}: ${finding.file ? `${finding.file}: ` : ""}${finding.message}`,
          docs: ruleDocs(finding.ruleId),
          ...(local ? { releaseFile: `${model.source.replace(/^\.\//, "").replace(/\/+$/, "")}/${finding.file}`, line: finding.line, column: finding.column } : {}),
        });
      }
    }
    return out;
  },
};
