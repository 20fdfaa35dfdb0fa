import type { Diagnostic, VerificationResult } from "../rules/index.js";
import { docsUrl, locationText } from "./shared.js";
import { escapeMarkdownCell } from "../text/index.js";

export type FormatMarkdownParameters = {
  /** Base URL rule ids link to. Default: the repository's `docs/` (DEFAULT_DOCS_BASE_URL). */
  docsBaseUrl?: string | undefined;
};

const ICON = { error: "❌", warning: "⚠️", info: "ℹ️" } as const;
const STATUS = { compliant: "✅ compliant", violations: "❌ violations", unverifiable: "⚠️ unverifiable" } as const;

const cell = escapeMarkdownCell;

/**
 * The result as Markdown for a pull-request comment: a heading with the status, a summary table,
 * the findings table, and the suppressed findings with their justification in a `<details>` block.
 *
 * @example
 * await octokit.rest.issues.createComment({ ...repo, issue_number, body: formatMarkdown(result) });
 */
export function formatMarkdown(result: VerificationResult, parameters: FormatMarkdownParameters = {}): string {
  const rules = new Map(result.rules.map((r) => [r.id, r]));
  const rule = (d: Diagnostic) => {
    const meta = rules.get(d.ruleId);
    return meta ? `[\`${d.ruleId}\`](${docsUrl(meta.docs, parameters.docsBaseUrl)})` : `\`${d.ruleId}\``;
  };
  const where = (d: Diagnostic) => {
    const text = locationText(d);
    return text ? `\`${cell(text)}\`` : "";
  };
  const out: string[] = [];
  out.push(`## omrl verify: ${STATUS[result.status]}`, "");
  out.push(`Source \`${cell(result.source.id)}\`${result.source.revision ? ` (commit \`${result.source.revision}\`)` : ""} · rule set \`${result.ruleSet}\``, "");
  out.push("| Status | Errors | Warnings | Info | Suppressed |", "| --- | ---: | ---: | ---: | ---: |");
  out.push(`| ${STATUS[result.status]} | ${result.counts.error} | ${result.counts.warning} | ${result.counts.info} | ${result.counts.suppressed} |`, "");
  if (result.summary.termsHash) out.push(`Terms hash \`${result.summary.termsHash}\`${result.summary.signer ? `, signed by \`${result.summary.signer}\`` : ""}.`, "");
  const open = result.diagnostics.filter((d) => !d.suppressed);
  const suppressed = result.diagnostics.filter((d) => d.suppressed);
  if (open.length > 0) {
    out.push("### Findings", "", "| | Rule | File | Message |", "| --- | --- | --- | --- |");
    for (const d of open) out.push(`| ${ICON[d.severity]} ${d.severity} | ${rule(d)} | ${where(d)} | ${cell(d.message)} |`);
    out.push("");
  } else out.push("No findings.", "");
  if (suppressed.length > 0) {
    out.push(`<details><summary>Suppressed findings (${suppressed.length})</summary>`, "");
    out.push("| Rule | File | Message | Reason | Justification |", "| --- | --- | --- | --- | --- |");
    for (const d of suppressed) out.push(`| ${rule(d)} | ${where(d)} | ${cell(d.message)} | \`${d.suppressed!.reason}\` | ${cell(d.suppressed!.comment)} |`);
    out.push("", "</details>", "");
  }
  return `${out.join("\n").trimEnd()}\n`;
}
