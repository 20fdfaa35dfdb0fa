import type { DeedDescription, DeedLine } from "./describe-terms.js";
import { escapeHtml } from "./escape-html.js";
import { lineageSvg } from "./lineage-svg.js";

export type RenderSummaryOptions = {
  /** Level of the section headings (`2` → `<h2>`, sub-sections one lower); default 2. */
  headingLevel?: number | undefined;
};

const lines = (items: DeedLine[]) =>
  `<dl>${items.map((l) => `<div class="row"><dt>${escapeHtml(l.label)}</dt><dd>${escapeHtml(l.text)}</dd></div>`).join("")}</dl>`;

/**
 * The deed's summary as HTML (every value escaped): the model and licensor, the revenue share in
 * plain words, payment and payees, derivatives and stacking, attribution, use restrictions, the
 * lineage diagram and the artifacts with sizes and sha256.
 *
 * @example
 * shadowRoot.innerHTML = renderSummary(describeTerms(terms));
 */
export function renderSummary(d: DeedDescription, options: RenderSummaryOptions = {}): string {
  const level = Math.min(Math.max(options.headingLevel ?? 2, 1), 5);
  const h = (text: string, id: string) => `<h${level} id="${id}">${escapeHtml(text)}</h${level}>`;
  const section = (id: string, title: string, body: string) => `<section class="card" aria-labelledby="omrl-${id}">${h(title, `omrl-${id}`)}${body}</section>`;
  const payees =
    `<table><caption>Who is paid, in this order (the split sums exactly)</caption><thead><tr><th scope="col">Payee</th><th scope="col">Role</th><th scope="col">Share</th><th scope="col">Account</th></tr></thead><tbody>` +
    d.payees.map((p) => `<tr><td>${escapeHtml(p.name)}</td><td>${escapeHtml(p.role)}</td><td class="num">${escapeHtml(p.share)}</td><td><code>${escapeHtml(p.account)}</code></td></tr>`).join("") +
    `</tbody></table>`;
  const restrictions =
    d.useRestrictions.length > 0
      ? `<p>You, and everyone you pass the model or a derivative to, must not:</p><ul>${d.useRestrictions.map((r) => `<li>${escapeHtml(r)}</li>`).join("")}</ul>`
      : `<p>The terms list no use restrictions beyond the licence text.</p>`;
  const upstreamList =
    d.upstream.length > 0
      ? `<ul class="upstream">${d.upstream.map((u) => `<li>${escapeHtml(u.relation)} <strong>${escapeHtml(u.repo)}</strong>${u.revision ? ` at <code>${escapeHtml(u.revision)}</code>` : ""} — licence <code>${escapeHtml(u.license)}</code>${u.omrl ? " (OMRL: its share is owed in addition)" : ""}</li>`).join("")}</ul>`
      : "";
  const artifacts =
    d.artifacts.length > 0
      ? `<div class="scroll"><table><caption>${d.artifacts.length} file${d.artifacts.length === 1 ? "" : "s"} covered by the terms</caption><thead><tr><th scope="col">File</th><th scope="col">Size</th><th scope="col">sha256</th></tr></thead><tbody>` +
        d.artifacts.map((a) => `<tr><td><code>${escapeHtml(a.path)}</code></td><td class="num">${escapeHtml(a.size)}</td><td><code class="hash">${escapeHtml(a.sha256)}</code></td></tr>`).join("") +
        `</tbody></table></div>`
      : `<p>The terms list no artifacts.</p>`;
  return [
    section("model", "Model and licensor", lines(d.model)),
    section("revenue", "Revenue share", lines(d.revenue)),
    section("payment", "Payment", `${lines(d.payment)}<div class="scroll">${payees}</div>`),
    section("derivatives", "Derivatives", lines(d.derivatives)),
    section("attribution", "Attribution", lines(d.attribution)),
    section("restrictions", "Use restrictions", restrictions),
    section("lineage", "Lineage", `${lineageSvg(d)}${upstreamList}`),
    section("artifacts", "Artifacts", artifacts),
  ].join("");
}
