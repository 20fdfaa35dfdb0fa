import { defineRule } from "../types.js";

/** The model card's YAML front matter parses, and its licence keys have the right types. */
export const cardInvalid = defineRule({
  meta: { id: "card/invalid", description: "the model card's front matter is valid YAML with well-typed licence keys", defaultSeverity: "error", type: "problem" },
  check(release) {
    const card = release.card;
    if (!card) return [];
    const findings = card.parsed.error
      ? [{ message: `the front matter does not parse (${card.parsed.error.code}): ${card.parsed.error.message}`, file: card.path, line: card.parsed.error.line, column: card.parsed.error.col }]
      : [];
    for (const issue of card.parsed.issues) findings.push({ message: issue.message, file: card.path, line: undefined, column: undefined });
    return findings;
  },
});
