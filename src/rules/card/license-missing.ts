import { defineRule } from "../types.js";

/** The card's front matter declares a licence (`license:`). */
export const cardLicenseMissing = defineRule({
  meta: { id: "card/license-missing", description: "the model card's front matter declares a licence", defaultSeverity: "warning", type: "problem" },
  check(release) {
    const card = release.card;
    if (!card || card.parsed.error || card.parsed.lfsPointer || card.frontMatter?.license) return [];
    const inBody = /licen[cs]e\s*:/i.test(card.parsed.body);
    return [
      {
        message: `${card.path} declares no \`license:\` in its front matter${inBody ? " (a licence is named only in the text, which the Hub and tools do not read)" : ""}`,
        file: card.path,
        line: 1,
      },
    ];
  },
});
