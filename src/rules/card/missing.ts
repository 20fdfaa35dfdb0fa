import { defineRule } from "../types.js";

/** The release has a model card (`README.md`). */
export const cardMissing = defineRule({
  meta: { id: "card/missing", description: "the release has a model card (README.md) with licence metadata", defaultSeverity: "warning", type: "problem" },
  check(release) {
    if (!release.listed || release.card || release.unreadable.some((u) => u.what === "card")) return [];
    // a single weights file has no card by nature
    if (release.source.kind === "file") return [];
    return [{ message: "the release has no model card (README.md): the Hub shows no licence for it", file: "README.md" }];
  },
});
