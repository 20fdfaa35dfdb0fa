import type { VerificationResult } from "../rules/index.js";
import { countsText, groupByFile } from "./shared.js";

export type FormatTextParameters = {
  /** ANSI colour. The CLI passes `isTTY && !NO_COLOR`; default false. */
  color?: boolean | undefined;
};

const ANSI = { red: 31, yellow: 33, blue: 34, green: 32, dim: 2, bold: 1, underline: 4 } as const;

/**
 * A verification result as text for a terminal: grouped by file, one line per finding with
 * `line:column`, severity, message and rule id; suppressed findings shown with their justification;
 * a summary line with the status. Colour only when asked for.
 *
 * @example
 * process.stdout.write(formatText(result, { color: process.stdout.isTTY && !process.env.NO_COLOR }));
 */
export function formatText(result: VerificationResult, parameters: FormatTextParameters = {}): string {
  const paint = (code: keyof typeof ANSI, text: string) => (parameters.color ? `\x1b[${ANSI[code]}m${text}\x1b[0m` : text);
  const severityColor = { error: "red", warning: "yellow", info: "blue" } as const;
  const lines: string[] = [];
  const revision = result.source.revision && !result.source.id.includes(result.source.revision) ? ` @ ${result.source.revision}` : "";
  lines.push(`${paint("bold", result.source.id)}${revision}  (rule set: ${result.ruleSet})`);
  if (result.summary.termsHash) lines.push(paint("dim", `terms hash ${result.summary.termsHash}${result.summary.signer ? `, signed by ${result.summary.signer}` : ""}`));
  if (result.summary.digests === "none") lines.push(paint("dim", "sha256 digests not checked (--no-digests)"));
  for (const [file, diagnostics] of groupByFile(result.diagnostics)) {
    lines.push("", paint("underline", file || "(release)"));
    const where = diagnostics.map((d) => (d.line === undefined ? "" : d.column === undefined ? `${d.line}` : `${d.line}:${d.column}`));
    const width = Math.max(0, ...where.map((w) => w.length));
    diagnostics.forEach((d, i) => {
      const at = where[i]!.padEnd(width);
      const severity = d.suppressed ? paint("dim", "suppressed") : paint(severityColor[d.severity], d.severity.padEnd(7));
      lines.push(`  ${at ? `${at}  ` : ""}${severity}  ${d.message}  ${paint("dim", d.ruleId)}`);
      if (d.suppressed) lines.push(`  ${width ? " ".repeat(width + 2) : ""}${paint("dim", `↳ ${d.severity} accepted: ${d.suppressed.reason} — ${d.suppressed.comment}`)}`);
    });
  }
  const statusColor = result.status === "compliant" ? "green" : result.status === "violations" ? "red" : "yellow";
  const mark = result.status === "compliant" ? "✓" : "✖";
  lines.push("", paint(statusColor, `${mark} ${result.status}: ${countsText(result)}`));
  return `${lines.join("\n")}\n`;
}
