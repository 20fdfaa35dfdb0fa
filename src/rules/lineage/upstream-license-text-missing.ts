import type { ModelRelease } from "../../inspect/index.js";
import { evaluateLicenseExpression, licenseTextMustShip, lookupLicense, sameLicenseId, type LicenseEntry } from "../../licenses/index.js";
import { defineRule, type Finding } from "../types.js";
import { cardLicenseSpdx, claimsOmrl, termsLocation } from "../shared/release.js";

/** `where` is computed only for a finding: locating a pointer in omrl.json reads the whole text. */
type Required = { entry: LicenseEntry; from: string; where: () => Pick<Finding, "file" | "line" | "column" | "pointer"> };

function entriesOf(expression: string): LicenseEntry[] {
  try {
    const first = evaluateLicenseExpression(expression).alternatives[0];
    return (first?.licenses ?? []).map((l) => lookupLicense(l.hubId ?? l.license)).filter((e): e is LicenseEntry => e !== undefined);
  } catch {
    return [];
  }
}

/** The licences whose text must go with this release: its upstream models' (omrl.json), or — for a derivative released under its base's licence — the card's. */
function requiredTexts(release: ModelRelease): Required[] {
  const out: Required[] = [];
  const terms = release.terms?.terms;
  if (terms) {
    (terms.upstream ?? []).forEach((u, index) => {
      for (const entry of entriesOf(u.license)) out.push({ entry, from: `upstream ${u.repo}`, where: () => termsLocation(release, `/upstream/${index}/license`) });
    });
  } else if (!claimsOmrl(release) && release.card?.frontMatter?.baseModel !== undefined) {
    const card = cardLicenseSpdx(release);
    if (card)
      for (const entry of entriesOf(card.spdx ?? card.declared))
        out.push({ entry, from: `the base model (the card's base_model, under ${card.declared})`, where: () => ({ file: release.card!.path, line: release.card!.keyLines.license }) });
  }
  return out.filter((r) => licenseTextMustShip(r.entry));
}

/**
 * A derivative ships the licence texts its upstream licences require to go with every copy: a
 * Llama 3.2 fine-tune carries the Llama 3.2 Community License Agreement, an Apache-2.0 base's
 * derivative the Apache licence. A text counts when a licence, notice or use-policy file is
 * recognised as it (SPDX similarity, or the agreement's title).
 */
export const upstreamLicenseTextMissing = defineRule({
  meta: {
    id: "lineage/upstream-license-text-missing",
    description: "the release ships a copy of every upstream licence that requires its text to go with derivatives (Llama, Gemma, Apache-2.0, OpenRAIL…)",
    defaultSeverity: "error",
    type: "obligation",
  },
  check(release) {
    if (!release.listed || release.source.kind === "file") return [];
    const shipped = release.textFiles.flatMap((f) => (f.detected ? [f.detected.spdx] : []));
    const findings: Finding[] = [];
    const reported = new Set<string>();
    for (const required of requiredTexts(release)) {
      const { entry } = required;
      if (reported.has(entry.spdx) || shipped.some((s) => sameLicenseId(s, entry.spdx))) continue;
      reported.add(entry.spdx);
      findings.push({
        message: `${required.from} is under the ${entry.name}, which requires a copy of its text with every copy or derivative: ship it unchanged in a file such as LICENSE-${entry.hubId.toUpperCase()}.txt (from ${entry.url})`,
        ...required.where(),
      });
    }
    return findings;
  },
});
