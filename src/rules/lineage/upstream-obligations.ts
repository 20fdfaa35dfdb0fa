import type { ModelRelease } from "../../inspect/index.js";
import { defineRule, type Finding } from "../types.js";
import { termsLocation } from "../shared/release.js";
import { normaliseText, upstreamObligations } from "../shared/upstream.js";

/** Every place a release can show attribution: the card text, NOTICE files, the terms' attribution. */
function attributionTexts(release: ModelRelease): string {
  const parts = [release.card?.parsed.body ?? "", release.terms?.terms?.attribution?.text ?? ""];
  for (const f of release.textFiles) if (f.kind === "notice" && f.text) parts.push(f.text);
  return normaliseText(parts.join("\n"));
}

/**
 * An upstream licence's naming, attribution and notice obligations are met: a Llama base means
 * the model name begins with "Llama", "Built with Llama" is shown, and the notice ships in NOTICE.
 */
export const upstreamObligationsRule = defineRule({
  meta: { id: "lineage/upstream-obligations", description: "the naming, attribution and notice duties of upstream licences are met", defaultSeverity: "warning", type: "obligation" },
  check(release) {
    const terms = release.terms?.terms;
    if (!terms) return [];
    const shown = attributionTexts(release);
    const notices = normaliseText(release.textFiles.filter((f) => f.kind === "notice" && f.text).map((f) => f.text).join("\n"));
    const hasNotice = release.textFiles.some((f) => f.kind === "notice");
    const findings: Finding[] = [];
    for (const u of upstreamObligations(release)) {
      const where = termsLocation(release, `/upstream/${u.index}`);
      if (u.error || !u.obligations) {
        findings.push({ message: `upstream ${u.repo}: licence ${JSON.stringify(u.license)} is not a known licence id or SPDX expression (${u.error}); its obligations cannot be checked`, ...termsLocation(release, `/upstream/${u.index}/license`) });
        continue;
      }
      const o = u.obligations;
      if (o.unknownLicenses.length > 0)
        findings.push({ message: `upstream ${u.repo}: ${o.unknownLicenses.join(", ")} is not in the licence knowledge base; a person must read it`, ...where });
      for (const naming of o.naming)
        if (!terms.model.name.startsWith(naming.prefix))
          findings.push({ message: `upstream ${u.repo} (${naming.license}): the model's name must begin with "${naming.prefix}" — model.name is "${terms.model.name}". ${naming.rule}`, ...termsLocation(release, "/model/name") });
      for (const text of o.attribution.texts)
        if (!shown.includes(normaliseText(text.text)))
          findings.push({ message: `upstream ${u.repo} (${text.license}): show "${text.text}" (in the card, a NOTICE file or attribution.text in omrl.json)`, ...where });
      for (const notice of o.attribution.notices)
        if (!notices.includes(normaliseText(notice.text)))
          findings.push({ message: `upstream ${u.repo} (${notice.license}): ship this notice in a NOTICE file${hasNotice ? " (the NOTICE file does not contain it)" : ""}: "${notice.text}"`, file: hasNotice ? release.textFiles.find((f) => f.kind === "notice")!.path : "NOTICE", related: [{ file: where.file, message: `upstream ${u.repo}` }] });
    }
    return findings;
  },
});
