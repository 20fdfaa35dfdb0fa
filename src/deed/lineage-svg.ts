import type { DeedDescription } from "./describe-terms.js";
import { escapeHtml } from "./escape-html.js";

/** Most upstream models drawn (the list under the diagram names all of them). */
const MAX_DRAWN = 8;
const BOX_W = 270;
const BOX_H = 44;
const GAP = 14;
const WIDTH = 640;

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function box(x: number, y: number, title: string, subtitle: string, cls: string): string {
  return (
    `<g class="${cls}"><title>${escapeHtml(`${title} — ${subtitle}`)}</title>` +
    `<rect x="${x}" y="${y}" width="${BOX_W}" height="${BOX_H}" rx="6"/>` +
    `<text x="${x + 10}" y="${y + 18}" class="t">${escapeHtml(clip(title, 34))}</text>` +
    `<text x="${x + 10}" y="${y + 35}" class="s">${escapeHtml(clip(subtitle, 40))}</text></g>`
  );
}

/**
 * The lineage as an inline SVG diagram: the upstream models (with their licences) on the left,
 * arrows to this model on the right. Static markup, no script, labelled for screen readers.
 *
 * @example
 * const svg = lineageSvg(describeTerms(terms));
 */
export function lineageSvg(description: DeedDescription): string {
  const upstream = description.upstream.slice(0, MAX_DRAWN);
  const rows = Math.max(upstream.length, 1);
  const height = rows * (BOX_H + GAP) - GAP + 2;
  const modelY = (height - BOX_H) / 2;
  const label =
    upstream.length === 0
      ? `${description.title} names no upstream model`
      : `${description.title} is ${description.upstream.map((u) => `${u.relation} ${u.repo} (${u.license})`).join(", ")}`;
  const parts: string[] = [];
  upstream.forEach((u, i) => {
    const y = 1 + i * (BOX_H + GAP);
    parts.push(box(1, y, u.repo, `${u.relation.replace(/ (from|on)$/, "")} · ${u.license}`, u.omrl ? "up omrl" : "up"));
    parts.push(`<path class="edge" d="M${BOX_W + 1} ${y + BOX_H / 2} C ${BOX_W + 40} ${y + BOX_H / 2}, ${WIDTH - BOX_W - 50} ${modelY + BOX_H / 2}, ${WIDTH - BOX_W - 9} ${modelY + BOX_H / 2}" marker-end="url(#omrl-arrow)"/>`);
  });
  if (description.upstream.length > MAX_DRAWN) parts.push(`<text x="1" y="${height + 14}" class="s">… and ${description.upstream.length - MAX_DRAWN} more (listed below)</text>`);
  // without upstream models the model stands alone, at the start
  parts.push(box(upstream.length === 0 ? 1 : WIDTH - BOX_W - 1, modelY, description.title, "this model · OMRL 1.0", "me"));
  if (upstream.length === 0) parts.push(`<text x="${BOX_W + 20}" y="${modelY + 27}" class="s">no upstream model named in the terms</text>`);
  const fullHeight = height + (description.upstream.length > MAX_DRAWN ? 20 : 0);
  return (
    `<svg class="lineage" viewBox="0 0 ${WIDTH} ${fullHeight}" role="img" aria-label="${escapeHtml(label)}" xmlns="http://www.w3.org/2000/svg">` +
    `<defs><marker id="omrl-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z"/></marker></defs>` +
    parts.join("") +
    `</svg>`
  );
}
