import { defineRule } from "../types.js";
import { claimsOmrl } from "../shared/release.js";

/** The release says it is under OMRL (card, embedded metadata) but has no `omrl.json`. */
export const termsMissing = defineRule({
  meta: { id: "omrl/terms-missing", description: "a release that declares OMRL has its terms in omrl.json", defaultSeverity: "error", type: "problem" },
  check(release) {
    if (!release.listed || release.terms || release.unreadable.some((u) => u.what === "terms")) return [];
    // a single weights file is checked on its own: its terms live in the release it came from
    if (release.source.kind === "file") return [];
    if (!claimsOmrl(release)) return [];
    return [{ message: "the release declares the OMRL licence but has no omrl.json (run `omrl init`)", file: "omrl.json", related: release.card ? [{ file: release.card.path, message: "the card declares omrl-1.0" }] : undefined }];
  },
});
