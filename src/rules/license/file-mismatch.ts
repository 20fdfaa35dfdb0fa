import type { ModelRelease } from "../../inspect/index.js";
import { evaluateLicenseExpression, lookupLicense, sameLicenseId } from "../../licenses/index.js";
import { OMRL_SPDX_ID } from "../../terms/index.js";
import { defineRule, type Finding } from "../types.js";
import { cardLicenseSpdx, claimsOmrl } from "../shared/release.js";

/** SPDX ids of every licence in an expression (Hub ids mapped), or undefined when it does not parse. */
function licenseIds(expression: string): string[] | undefined {
  try {
    return evaluateLicenseExpression(expression).alternatives.flatMap((a) => a.licenses.map((l) => l.license));
  } catch {
    return undefined;
  }
}

/** What a licence file may hold: the card's licence, OMRL and the upstream licences of an OMRL release. */
function allowedLicenses(release: ModelRelease): { ids: string[]; declared: string } | undefined {
  const ids: string[] = [];
  let declared: string | undefined;
  if (claimsOmrl(release)) {
    ids.push(OMRL_SPDX_ID);
    declared = "omrl-1.0";
    for (const u of release.terms?.terms?.upstream ?? []) ids.push(...(licenseIds(u.license) ?? []));
  } else {
    const card = cardLicenseSpdx(release);
    if (!card) return undefined;
    const fromCard = licenseIds(card.spdx ?? card.declared);
    if (!fromCard || fromCard.some((id) => id === "LicenseRef-other" || id === "LicenseRef-unknown")) return undefined;
    ids.push(...fromCard);
    declared = card.spdx && card.spdx !== card.declared ? `${card.declared} (${card.spdx})` : card.declared;
  }
  return { ids, declared };
}

/** The release's own licence file (`LICENSE`, `LICENSE.md`, `COPYING.txt`…), as opposed to a named extra one (`LICENSE-LLAMA.txt`). */
const PRIMARY = /^(?:LICEN[CS]E|COPYING)(?:\.(?:md|txt|rst|markdown))?$/i;

/** `LicenseRef-HF-gpl` (the Hub's `gpl` family) admits GPL-2.0-only, GPL-3.0-only… */
function admits(allowed: string, detected: string): boolean {
  if (sameLicenseId(allowed, detected)) return true;
  const family = /^LicenseRef-HF-(.+)$/.exec(allowed)?.[1];
  return family !== undefined && detected.toLowerCase().startsWith(`${family.toLowerCase()}-`);
}

/**
 * The licence text a LICENSE / COPYING file holds agrees with what the card declares: a card that
 * says `apache-2.0` over a GPL-3.0 `LICENSE` is the classic mislabelled release. The file is
 * recognised by similarity to the SPDX texts (or an agreement's title); an OMRL release may also
 * ship the texts of its upstream licences (and every licence file must be one of those); a release
 * without terms is judged by its own licence file (`LICENSE`, `COPYING`), not by named extra ones.
 */
export const licenseFileMismatch = defineRule({
  meta: {
    id: "license/file-mismatch",
    description: "the licence text in LICENSE / COPYING files agrees with the licence the card (or omrl.json) declares",
    defaultSeverity: "error",
    type: "problem",
  },
  check(release) {
    const allowed = allowedLicenses(release);
    if (!allowed) return [];
    const omrl = claimsOmrl(release);
    const findings: Finding[] = [];
    for (const file of release.textFiles) {
      const found = file.detected;
      if (file.kind !== "license" || !found) continue;
      // a release without terms may ship its base model's text beside its own (LICENSE-LLAMA.txt):
      // only its own licence file must say what the card says
      if (!omrl && !PRIMARY.test(file.path)) continue;
      if (allowed.ids.some((id) => admits(id, found.spdx))) continue;
      const name = lookupLicense(found.spdx)?.name ?? found.spdx;
      const how = found.method === "title" ? "recognised by its title" : `${found.confidence}% similar to the SPDX text`;
      findings.push({
        message: `${file.path} holds the ${name} text (${found.spdx}, ${how}) but the release declares ${allowed.declared}: make the card and the licence file agree — recipients read the file`,
        file: file.path,
        line: 1,
        related: release.card ? [{ file: release.card.path, message: `declares ${allowed.declared}` }] : undefined,
      });
    }
    return findings;
  },
});
