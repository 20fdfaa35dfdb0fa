import { escapeMarkdownCell } from "../../text/index.js";
import type { Statement } from "./types.js";

/** The statement as JSON text (2-space indent, trailing newline). */
export function statementToJson(statement: Statement): string {
  return `${JSON.stringify(statement, null, 2)}\n`;
}

const md = escapeMarkdownCell;

/**
 * The statement as Markdown: a summary table, then one section per obligation with its payees and
 * its trace.
 *
 * @example
 * await writeFileAtomic("statement.md", statementToMarkdown(statement));
 */
export function statementToMarkdown(statement: Statement): string {
  const lines = [
    `# Revenue statement — ${md(statement.licensee.name)}`,
    "",
    `- Licensee: ${md(statement.licensee.name)} (\`${statement.licensee.account}\`)`,
    `- Periods: ${statement.periods.join(", ")}`,
    `- Currency: ${statement.currency}`,
    `- Statement hash: \`${statement.statementHash}\``,
    "",
    "| Obligation | Period | Exempt | Basis | Rate | Owed | Amount | Token | Due |",
    "| --- | --- | --- | --- | --- | ---: | ---: | --- | --- |",
    ...statement.obligations.map(
      (o) =>
        `| ${md(o.id)} | ${o.period} | ${o.exempt ? "yes" : "no"} | ${o.basis} ${o.basisAmount} | ${md(o.rate)} | ${o.owed} ${statement.currency} | ${o.amount} | ${o.token.symbol} (${o.token.decimals}) | ${o.dueDate} |`,
    ),
  ];
  for (const o of statement.obligations) {
    lines.push("", `## ${md(o.id)}`, "", `- Model: \`${o.model}\`${o.via ? ` (upstream of ${md(o.via)})` : ""}`, `- Terms hash: \`${o.termsHash}\``);
    lines.push(`- Period: ${o.period} (${o.periodStart} – ${o.periodEnd}), due ${o.dueDate}`);
    if (o.exempt) lines.push(`- Exempt: ${md(o.exemptReason ?? "")}`);
    lines.push(`- Pay: ${o.amount} base units of ${o.token.symbol} on ${o.chain}${o.router ? ` via router \`${o.router}\`` : ""} (${o.conversion.pair} ${o.conversion.rate})`);
    lines.push("", "| Payee | Share | Amount |", "| --- | ---: | ---: |", ...o.payees.map((p) => `| \`${p.account}\` | ${p.share} | ${p.amount} |`));
    lines.push("", "Trace:", "", ...o.trace.map((t, i) => `${i + 1}. **${t.step}**: ${md(t.detail)}`));
  }
  return `${lines.join("\n")}\n`;
}

const csvField = (value: string | number | boolean | null) => {
  const text = value === null ? "" : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** CSV columns of `statementToCsv`, one row per payee of each obligation. */
export const STATEMENT_CSV_COLUMNS = [
  "statementHash", "id", "model", "termsHash", "period", "periodStart", "periodEnd", "dueDate", "via", "exempt",
  "basis", "basisAmount", "rate", "owed", "currency", "pair", "conversionRate", "chain", "token", "tokenAddress",
  "symbol", "decimals", "router", "amount", "payee", "share", "payeeAmount",
] as const;

/**
 * The statement as CSV: one row per payee of each obligation (a spreadsheet sums `payeeAmount`
 * to the obligations' `amount`).
 */
export function statementToCsv(statement: Statement): string {
  const rows = [STATEMENT_CSV_COLUMNS.join(",")];
  for (const o of statement.obligations)
    for (const p of o.payees)
      rows.push(
        [
          statement.statementHash, o.id, o.model, o.termsHash, o.period, o.periodStart, o.periodEnd, o.dueDate, o.via, o.exempt,
          o.basis, o.basisAmount, o.rate, o.owed, statement.currency, o.conversion.pair, o.conversion.rate, o.chain, o.token.id,
          o.token.address, o.token.symbol, o.token.decimals, o.router, o.amount, p.account, p.share, p.amount,
        ]
          .map(csvField)
          .join(","),
      );
  return `${rows.join("\n")}\n`;
}

/** A short plain-text summary for a terminal. */
export function statementToText(statement: Statement): string {
  const lines = [`Statement ${statement.statementHash}`, `${statement.licensee.name} (${statement.licensee.account}), ${statement.periods.join(", ")}, ${statement.currency}`, ""];
  for (const o of statement.obligations) {
    lines.push(`${o.id}${o.exempt ? "  EXEMPT" : ""}`);
    lines.push(`  ${o.exempt ? o.exemptReason : `${o.basis} ${o.basisAmount} × ${o.rate} = ${o.owed} ${statement.currency}`}`);
    lines.push(`  pay ${o.amount} base units of ${o.token.symbol} (${o.conversion.pair} ${o.conversion.rate}) by ${o.dueDate}`);
    for (const p of o.payees) lines.push(`    ${p.account}  ${p.share.padStart(9)}  ${p.amount}`);
  }
  return `${lines.join("\n")}\n`;
}
