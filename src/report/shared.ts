import type { Diagnostic, VerificationResult } from "../rules/index.js";

/**
 * The one documentation base: the repository (package.json `repository`), where `docs/` is read
 * on the web. Every report — text, SARIF, Markdown, `omrl check` — links rules under it.
 */
export const DEFAULT_DOCS_BASE_URL = "https://github.com/omrl/omrl/blob/main/";

/** `docs/rules.md#x` → an absolute URL under `base`. */
export function docsUrl(docs: string, base = DEFAULT_DOCS_BASE_URL): string {
  return new URL(docs, base.endsWith("/") ? base : `${base}/`).toString();
}

/** `file:line:column` (as much as is known), or undefined when the finding has no file. */
export function locationText(d: Diagnostic): string | undefined {
  if (!d.file) return undefined;
  return d.line === undefined ? d.file : d.column === undefined ? `${d.file}:${d.line}` : `${d.file}:${d.line}:${d.column}`;
}

/** The findings grouped by file (findings without a file last, under `""`), file order as first seen. */
export function groupByFile(diagnostics: Diagnostic[]): [string, Diagnostic[]][] {
  const groups = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const key = d.file ?? "";
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(d);
  }
  const entries = [...groups.entries()];
  return [...entries.filter(([k]) => k !== ""), ...entries.filter(([k]) => k === "")];
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** "2 errors, 1 warning, 0 info (1 suppressed)". */
export function countsText(result: VerificationResult): string {
  const { error, warning, info, suppressed } = result.counts;
  return `${plural(error, "error")}, ${plural(warning, "warning")}, ${info} info${suppressed ? ` (${suppressed} suppressed)` : ""}`;
}
