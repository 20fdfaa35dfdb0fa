import { OMRL_SPDX_ID } from "../../terms/index.js";
import { licenseAlternatives } from "../license-policy.js";
import { formatShare, stackedShare } from "../stacked-share.js";
import { isCommercialUse } from "../license-policy.js";
import type { AppCheck, AppDiagnostic, ResolvedAppModel } from "../types.js";

/** What the app takes on for one model and its lineage, in sentences. */
export function modelObligations(model: ResolvedAppModel): string[] {
  const lines = new Set<string>();
  const subjects = [
    { repo: model.repo ?? model.id, license: model.license, terms: model.terms },
    ...model.lineage.map((a) => ({ repo: a.repo, license: a.license, terms: a.terms })),
  ];
  for (const { repo, license, terms } of subjects) {
    const alt = license === null ? undefined : licenseAlternatives(license)?.[0];
    // OMRL's knowledge-base entry only says "as omrl.json says": with the terms at hand, they speak instead.
    const kb = <T extends { license: string }>(list: T[]) => list.filter((x) => !(terms && x.license === OMRL_SPDX_ID));
    if (alt) {
      for (const t of kb(alt.attribution.texts)) lines.add(`display "${t.text}" (${t.license}, from ${repo})`);
      for (const n of kb(alt.attribution.notices)) lines.add(`ship the ${n.license} notice with the product (from ${repo}; omrl notice writes it)`);
      for (const r of kb(alt.attribution.requirements)) lines.add(`${r.license} (from ${repo}): ${r.text}`);
      if (model.use === "fine-tuned") for (const n of kb(alt.naming)) lines.add(`name the fine-tuned model per ${n.license}: ${n.rule}`);
      for (const s of kb(alt.useRestrictions.sources))
        if (alt.useRestrictions.flowDown === true) lines.add(`pass on the use restrictions of ${s.license}${s.source ? ` (${s.source})` : ""} to your users (from ${repo})`);
      if (model.use === "fine-tuned" && alt.shareAlike === true) lines.add(`license the fine-tuned model under the same terms as ${repo} (${license}, share-alike)`);
    }
    if (terms) {
      if (terms.attribution?.required) lines.add(`attribute ${terms.model.name}${terms.attribution.text ? `: "${terms.attribution.text}"` : ""} (OMRL, from ${repo})`);
      if (terms.useRestrictions && terms.useRestrictions.length > 0)
        lines.add(`pass on ${terms.model.name}'s use restrictions to your users: ${terms.useRestrictions.join(" ")} (OMRL, from ${repo})`);
      if (model.use === "fine-tuned" && terms.derivatives.reciprocal) lines.add(`release the fine-tuned model under OMRL naming ${repo} upstream (reciprocal)`);
    }
  }
  if (model.terms && isCommercialUse(model.use)) {
    const { total, parts } = stackedShare(model);
    lines.add(`pay ${formatShare(total)} of the model's ${model.terms.revenueShare.basis} revenue per ${model.terms.revenueShare.period} (${parts.map((p) => `${p.repo} ${formatShare(p.share)}${p.stacking === "self" ? "" : ` ${p.stacking}`}`).join(", ")}); omrl owed computes it`);
  }
  return [...lines];
}

/** Informational: for each model, the attribution, notices, naming rules, use restrictions and revenue share the app takes on. */
export const obligations: AppCheck = {
  meta: {
    id: "app/obligations",
    description: "What each model obliges the app to do: attribution texts, notices, naming rules, use restrictions to pass on, revenue share",
    defaultSeverity: "info",
    docs: "docs/app.md#app-obligations",
  },
  check({ models }) {
    const out: AppDiagnostic[] = [];
    for (const model of models) {
      const lines = modelObligations(model);
      if (lines.length === 0) continue;
      out.push({
        ruleId: this.meta.id,
        severity: this.meta.defaultSeverity,
        model: model.id,
        message: `${model.id} (${model.use}): ${lines.join("; ")}`,
        docs: this.meta.docs,
      });
    }
    return out;
  },
};
