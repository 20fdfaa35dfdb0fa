/**
 * Text made safe for one cell of a Markdown (GFM) table — the one escaper of the project: a
 * backslash and `|` are escaped, line breaks become spaces, `<` becomes `&lt;` (no raw HTML from
 * a model card or a manifest reaches a rendered report).
 *
 * @example
 * escapeMarkdownCell("a|b\nc") // "a\\|b c"
 */
export function escapeMarkdownCell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ").replace(/</g, "&lt;");
}
