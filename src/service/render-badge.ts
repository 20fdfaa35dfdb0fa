/** What a badge can say. */
export type BadgeStatus = "compliant" | "violations" | "unverifiable" | "pending" | "failed" | "unknown";

const COLORS: Record<BadgeStatus, string> = {
  compliant: "#2e7d32",
  violations: "#c62828",
  unverifiable: "#757575",
  pending: "#f9a825",
  failed: "#6a1b9a",
  unknown: "#9e9e9e",
};

/** Width of text in Verdana 11px, roughly (6.5 px per character, narrower for i/l/t/r). */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[iljt.,:;!|']/.test(ch) ? 3.5 : /[rf ]/.test(ch) ? 4.5 : /[mwMW]/.test(ch) ? 9.5 : 6.8;
  return Math.ceil(w) + 10;
}

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A flat two-part status badge (`omrl | compliant`) as SVG, for a model's README:
 * `![omrl](https://service.example/badge/org/name.svg)`.
 *
 * @example
 * renderBadge("compliant") // '<svg xmlns="http://www.w3.org/2000/svg" …'
 */
export function renderBadge(status: BadgeStatus, label = "omrl"): string {
  const left = textWidth(label);
  const right = textWidth(status);
  const width = left + right;
  const l = escapeXml(label);
  const r = escapeXml(status);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${l}: ${r}">` +
    `<title>${l}: ${r}</title>` +
    `<rect width="${left}" height="20" fill="#555"/><rect x="${left}" width="${right}" height="20" fill="${COLORS[status]}"/>` +
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">` +
    `<text x="${left / 2}" y="14">${l}</text><text x="${left + right / 2}" y="14">${r}</text></g></svg>`
  );
}
