import { defineRule, type Finding } from "../types.js";
import { termsLocation } from "../shared/release.js";

const ids = (value: string | string[] | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value]).map((v) => v.trim()).filter(Boolean);

/** The card's `base_model` names the same models as the terms' `upstream`. */
export const baseModelMismatch = defineRule({
  meta: { id: "lineage/base-model-mismatch", description: "the card's base_model matches the upstream models in omrl.json", defaultSeverity: "error", type: "problem" },
  check(release) {
    const terms = release.terms?.terms;
    const fm = release.card?.frontMatter;
    if (!terms || !fm) return [];
    const card = ids(fm.baseModel);
    const upstream = (terms.upstream ?? []).map((u) => u.repo);
    const inUpstream = new Set(upstream.map((u) => u.toLowerCase()));
    const inCard = new Set(card.map((c) => c.toLowerCase()));
    const findings: Finding[] = [];
    for (const base of card)
      if (!inUpstream.has(base.toLowerCase()))
        findings.push({ message: `the card's base_model ${base} is not an upstream model in omrl.json (add it to upstream with its licence)`, file: release.card!.path, line: release.card!.keyLines.base_model });
    upstream.forEach((repo, i) => {
      if (!inCard.has(repo.toLowerCase()))
        findings.push({ message: `omrl.json names upstream ${repo}, which the card's base_model does not`, ...termsLocation(release, `/upstream/${i}/repo`), related: [{ file: release.card!.path, message: `base_model: ${card.join(", ") || "(none)"}` }] });
    });
    return findings;
  },
});
