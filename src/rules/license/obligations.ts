import { evaluateLicenseExpression } from "../../licenses/index.js";
import { defineRule, type Finding } from "../types.js";
import { cardLicenseSpdx, claimsOmrl } from "../shared/release.js";

/** For a release not under OMRL: what its declared licence obliges, from the knowledge base. */
export const licenseObligations = defineRule({
  meta: { id: "license/obligations", description: "what the declared licence of a non-OMRL release obliges (knowledge base)", defaultSeverity: "info", type: "obligation" },
  check(release) {
    if (claimsOmrl(release)) return [];
    const declared = cardLicenseSpdx(release);
    if (!declared) return [];
    const file = release.card!.path;
    const line = release.card!.keyLines.license;
    const link = release.card?.frontMatter?.licenseLink;
    let alternatives;
    try {
      alternatives = evaluateLicenseExpression(declared.spdx ?? declared.declared).alternatives;
    } catch {
      return [{ message: `licence ${declared.declared} is not in the knowledge base: a person must read it${link ? ` (${link})` : ""} before any commercial use`, file, line }];
    }
    const o = alternatives[0];
    if (!o) return [];
    const name = `${declared.declared}${declared.spdx && declared.spdx !== declared.declared ? ` (${declared.spdx})` : ""}`;
    const out: Finding[] = [];
    if (o.unknownLicenses.length > 0) out.push({ message: `licence ${name} is not in the knowledge base: a person must read it${link ? ` (${link})` : ""} before any commercial use`, file });
    const commercial = o.commercialConditions.map((c) => c.text).join(" ");
    if (o.unknownLicenses.length === 0) out.push({ message: `licence ${name}: commercial use ${o.commercialUse}${commercial ? ` — ${commercial}` : ""}`, file });
    for (const n of o.naming) out.push({ message: `licence ${name}: derived models' names must begin with "${n.prefix}"`, file });
    for (const t of o.attribution.texts) out.push({ message: `licence ${name}: display "${t.text}"`, file });
    for (const t of o.attribution.notices) out.push({ message: `licence ${name}: ship this notice in a NOTICE file: "${t.text}"`, file });
    for (const t of o.userThresholds) out.push({ message: `licence ${name}: above ${t.monthlyActiveUsers} monthly active users — ${t.effect}`, file });
    for (const t of o.revenueThresholds) out.push({ message: `licence ${name}: above ${t.annualRevenue} ${t.currency} annual revenue — ${t.effect}`, file });
    if (o.useRestrictions.flowDown === true)
      for (const s of o.useRestrictions.sources) out.push({ message: `licence ${name}: use restrictions bind every recipient and must be passed on: ${s.source ?? ""}${s.url ? ` (${s.url})` : ""}`, file });
    if (o.shareAlike === true) out.push({ message: `licence ${name}: derivatives must be shared under the same licence`, file });
    return out.map((finding) => ({ ...finding, line }));
  },
});
