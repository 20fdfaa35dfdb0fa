import { sha256 } from "@noble/hashes/sha2";
import { validateTerms } from "../terms/index.js";
import { DEED_CSS } from "./deed-styles.js";
import { describeTerms } from "./describe-terms.js";
import { escapeHtml } from "./escape-html.js";
import { markdownToHtml } from "./markdown-to-html.js";
import { renderSummary } from "./render-summary.js";

export type RenderDeedPageParameters = {
  /** The terms file exactly as read (`omrl.json`): the page embeds these bytes and checks them in the browser. */
  termsText: string;
  /** The `<omrl-deed>` element bundle (`dist/deed.js`, browser ESM), inlined into the page. */
  elementScript: string;
  /** The release's legal text (Markdown, `LICENSE.md`), rendered inside the page. */
  legalText?: string | undefined;
  /** Where the legal text came from, in words ("LICENSE.md in the release"). */
  legalSource?: string | undefined;
  /** Where the terms file lives (a Hub URL, a file name), linked from the page. */
  termsHref?: string | undefined;
  /** What the page was made from (`hf:org/name@sha`, a folder), shown in the footer. */
  sourceLabel?: string | undefined;
  /** The generator's name and version for the footer (`omrl 0.1.0`). */
  generator?: string | undefined;
};

const PAGE_CSS = `
body{margin:0}
.page{max-width:62rem;margin:0 auto;padding:1rem}
.skip{position:absolute;left:-100rem}.skip:focus{left:1rem;top:1rem;background:var(--bg);padding:.5rem;z-index:1}
header.top{border-bottom:2px solid var(--border);margin-bottom:1rem;padding-bottom:.5rem}
.kicker{margin:0;color:var(--muted);font-weight:600;letter-spacing:.02em}
header.top h1{font-size:2rem;margin:.25rem 0}
nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.5rem 1rem;padding:0;margin:.5rem 0 0}
nav a{display:inline-block;padding:.25rem 0;min-height:1.5rem}
.legal{background:var(--bg);border:1px solid var(--border);border-radius:var(--radius);padding:1rem 1.25rem;max-height:40rem;overflow:auto}
.legal h3{font-size:1.2rem}.legal h4{font-size:1.05rem;margin-top:1.25rem}
pre{white-space:pre-wrap;word-break:break-all;background:var(--card);border:1px solid var(--border);padding:.75rem;border-radius:4px;max-height:30rem;overflow:auto}
footer{margin-top:2rem;border-top:1px solid var(--border);padding-top:.5rem;color:var(--muted);font-size:.9rem}
.fallback-note{color:var(--muted)}
@media print{.legal,pre{max-height:none;overflow:visible}nav,.skip{display:none}details{display:block}}
`;

const base64 = (bytes: Uint8Array) => {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
};

/** A data: URL for the terms file, so "download omrl.json" needs no network. */
const dataUrl = (text: string) => `data:application/json;charset=utf-8,${encodeURIComponent(text)}`;

/**
 * The self-contained deed page of a release: one HTML file with the element bundle inlined, the
 * terms embedded byte for byte, a static summary for readers without JavaScript, the legal text
 * and the terms file. A Content-Security-Policy allows only the inlined script (by hash) and no
 * network at all. Pure: `omrl deed` writes what it returns.
 *
 * @example
 * const html = renderDeedPage({ termsText, elementScript, legalText });
 */
export function renderDeedPage(parameters: RenderDeedPageParameters): string {
  const { termsText } = parameters;
  if (parameters.elementScript.includes("<!--")) throw new Error("the element bundle contains <!--, which cannot be inlined in a script element");
  const script = parameters.elementScript.replace(/<\/(script)/gi, "<\\/$1");
  const scriptHash = base64(sha256(new TextEncoder().encode(script)));
  // Ajv compiles schemas with new Function unless its validators are generated at build time
  const needsEval = /\bnew Function\(/.test(script);
  const csp = [
    "default-src 'none'",
    `script-src 'sha256-${scriptHash}'${needsEval ? " 'unsafe-eval'" : ""}`,
    "style-src 'unsafe-inline'",
    "img-src data:",
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");

  let parsed: unknown;
  try {
    parsed = JSON.parse(termsText);
  } catch {
    parsed = undefined;
  }
  const result = parsed === undefined ? undefined : validateTerms(parsed);
  const terms = result?.valid ? result.terms : undefined;
  const title = terms ? terms.model.name : "OMRL terms";
  const fallback = terms
    ? `<p class="fallback-note">Turn on JavaScript to check the licensor's signature and use the calculator; the summary below is what the terms file says.</p>${renderSummary(describeTerms(terms))}`
    : `<p class="fallback-note">These terms could not be read as OMRL 1.0 terms; turn on JavaScript to see exactly what is wrong.</p>`;
  const legal = parameters.legalText
    ? `<p>${escapeHtml(parameters.legalSource ?? "The licence text of the release")}.</p><div class="legal">${markdownToHtml(parameters.legalText, { headingOffset: 2 })}</div>`
    : terms
      ? `<p>The release has no legal text (<code>LICENSE.md</code>); the OMRL 1.0 text rendered from these terms governs (<code>omrl init</code> writes it).</p>`
      : `<p>No legal text is shown: the release has no <code>LICENSE.md</code>, and these are not valid OMRL terms to render it from.</p>`;
  const termsLink = parameters.termsHref
    ? ` The terms file lives at <a href="${escapeHtml(parameters.termsHref)}">${escapeHtml(parameters.termsHref)}</a>.`
    : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="${escapeHtml(parameters.generator ?? "omrl")}">
<title>${escapeHtml(title)} — OMRL licence deed</title>
<style>${DEED_CSS}${PAGE_CSS}</style>
</head>
<body class="deed">
<a class="skip" href="#main">Skip to the deed</a>
<div class="page">
<header class="top">
<p class="kicker">Open Model Revenue License 1.0 · licence deed</p>
<h1>${escapeHtml(title)}</h1>
${terms ? `<p>${terms.model.repo ? `<code>${escapeHtml(terms.model.repo)}</code> · ` : ""}licensed by ${escapeHtml(terms.licensor.name)}</p>` : ""}
<nav aria-label="On this page"><ul><li><a href="#deed">Summary and status</a></li><li><a href="#legal">Legal text</a></li><li><a href="#terms-file">Terms file</a></li></ul></nav>
</header>
<main id="main">
<div id="deed"><omrl-deed calculator heading-level="2" terms="${escapeHtml(termsText)}">${fallback}</omrl-deed></div>
<section id="legal" aria-labelledby="legal-h"><h2 id="legal-h">Legal text</h2>${legal}</section>
<section id="terms-file" aria-labelledby="terms-h"><h2 id="terms-h">Terms file</h2>
<p>The status above is computed in your browser from this file, embedded in the page byte for byte. <a download="omrl.json" href="${escapeHtml(dataUrl(termsText))}">Download omrl.json</a>.${termsLink}</p>
<details><summary>Show omrl.json</summary><pre><code>${escapeHtml(termsText)}</code></pre></details>
</section>
</main>
<footer><p>Made by ${escapeHtml(parameters.generator ?? "omrl")}${parameters.sourceLabel ? ` from <code>${escapeHtml(parameters.sourceLabel)}</code>` : ""}. This page loads nothing from the network: its script, styles and terms are all inside it.</p></footer>
</div>
<script type="module">${script}</script>
</body>
</html>
`;
}
