import type { ReconcileStatementReturnType, ReconciledLine } from "./reconcile.js";

export type ReconciliationFormat = "text" | "json" | "markdown";

/** Base units as a decimal token amount: `5000500000n`, 6 decimals → `"5000.5"`. */
export function formatUnitsExact(units: bigint, decimals: number): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const scale = 10n ** BigInt(decimals);
  const whole = abs / scale;
  const frac = decimals === 0 ? "" : (abs % scale).toString().padStart(decimals, "0").replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${frac ? `.${frac}` : ""}`;
}

const amount = (line: ReconciledLine, units: bigint) => `${formatUnitsExact(units, line.decimals)} ${line.symbol}`.trim();
const matched = (line: ReconciledLine) => (line.matchedBy.length ? line.matchedBy.join("+") : "—");

function toJson(report: ReconcileStatementReturnType): string {
  return `${JSON.stringify(report, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value), 2)}\n`;
}

function summary(report: ReconcileStatementReturnType): string {
  const c = report.counts;
  return `${c.paid} paid, ${c.underpaid} underpaid, ${c.overpaid} overpaid, ${c.unpaid} unpaid, ${c.pending} pending; ${c.overdue} overdue`;
}

/**
 * Renders a reconciliation as text (one line per payee), JSON (bigints as decimal strings) or a
 * Markdown table for a pull request or a treasury report.
 *
 * @example
 * process.stdout.write(formatReconciliation(report, "markdown"));
 */
export function formatReconciliation(report: ReconcileStatementReturnType, format: ReconciliationFormat = "text"): string {
  if (format === "json") return toJson(report);
  const header = `Statement ${report.statementHash} on chain ${report.chainId}, payer ${report.payer}, blocks ${report.fromBlock}–${report.toBlock} (head ${report.head}, ${report.confirmations} confirmation${report.confirmations === 1 ? "" : "s"})`;
  if (format === "markdown") {
    const rows = report.lines.map(
      (l) =>
        `| ${l.obligationId} | \`${l.payee}\` | ${amount(l, l.expected)} | ${amount(l, l.paid)} | ${l.pending > 0n ? amount(l, l.pending) : ""} | ${l.status}${l.overdue ? " ⚠ overdue" : ""} | ${matched(l)} | ${l.dueDate} |`,
    );
    return [
      `## Payment reconciliation`,
      "",
      header,
      "",
      "| Obligation | Payee | Owed | Paid | Pending | Status | Matched by | Due |",
      "| --- | --- | ---: | ---: | ---: | --- | --- | --- |",
      ...rows,
      "",
      `**${summary(report)}**`,
      ...(report.skipped.length ? ["", `Not checked: ${report.skipped.map((s) => `${s.obligationId} (${s.reason})`).join(", ")}`] : []),
      "",
    ].join("\n");
  }
  const lines = report.lines.map((l) => {
    const tail = l.pending > 0n ? ` (+${amount(l, l.pending)} pending)` : "";
    return `${l.overdue ? "✗" : l.status === "paid" ? "✓" : "·"} ${l.status.padEnd(9)} ${l.obligationId}  ${l.payee}  ${amount(l, l.paid)} of ${amount(l, l.expected)}${tail}  by ${matched(l)}  due ${l.dueDate}${l.overdue ? "  OVERDUE" : ""}`;
  });
  return [
    header,
    ...lines,
    ...(report.skipped.length ? [`not checked: ${report.skipped.map((s) => `${s.obligationId} (${s.reason})`).join(", ")}`] : []),
    ...(report.unmatched.length ? [`${report.unmatched.length} payment(s) to payees that no line needed`] : []),
    ...(report.otherStatements.length ? [`${report.otherStatements.length} transfer(s) to these payees reference another statement (not counted)`] : []),
    summary(report),
    "",
  ].join("\n");
}
