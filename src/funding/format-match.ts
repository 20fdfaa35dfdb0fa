import { escapeMarkdownCell } from "../text/index.js";
import { formatTokenAmount } from "./parse-token-amount.js";
import type { MatchRoundReturnType, ProjectMatch } from "./types.js";

export type MatchFormat = "text" | "json" | "csv" | "markdown";

/**
 * A match result as JSON-ready data: every amount as a base-units string (`…Units`) and as exact
 * decimal text in the token.
 */
export function matchResultToJson(result: MatchRoundReturnType) {
  const d = result.pool.decimals;
  const amount = (units: bigint) => formatTokenAmount(units, d);
  return {
    algorithm: result.algorithm,
    pool: {
      amount: amount(result.pool.amount),
      amountUnits: result.pool.amount.toString(),
      decimals: d,
      symbol: result.pool.symbol,
    },
    distributed: amount(result.distributed),
    distributedUnits: result.distributed.toString(),
    undistributedUnits: result.undistributed.toString(),
    contributionCount: result.contributionCount,
    contributorCount: result.contributorCount,
    excluded: result.excluded,
    caps: {
      capUnits: result.caps.cap?.toString() ?? null,
      cappedProjects: result.caps.cappedProjects,
      movedFromCappedUnits: result.caps.movedFromCapped.toString(),
      iterations: result.caps.iterations,
    },
    projects: result.projects.map((p) => ({
      project: p.project,
      ...(p.recipientIndex === undefined ? {} : { recipientIndex: p.recipientIndex }),
      ...(p.recipientAddress === undefined ? {} : { recipientAddress: p.recipientAddress }),
      contributors: p.contributors,
      contributions: amount(p.contributions),
      match: amount(p.match),
      total: amount(p.total),
      contributionsUnits: p.contributions.toString(),
      matchUnits: p.match.toString(),
      totalUnits: p.total.toString(),
      uncappedMatchUnits: p.uncappedMatch.toString(),
      capped: p.capped,
    })),
  };
}

const csvField = (s: string) => (/[",\r\n]/.test(s) || s.trim() !== s ? `"${s.replace(/"/g, '""')}"` : s);
const mdCell = escapeMarkdownCell;

/**
 * Renders a match result as text (a summary and a table), JSON, CSV (one row per project, exact
 * decimal amounts) or a Markdown table.
 *
 * @example
 * formatMatchResult(matchRound({ … }), "markdown")
 */
export function formatMatchResult(result: MatchRoundReturnType, format: MatchFormat): string {
  const d = result.pool.decimals;
  const amount = (units: bigint) => formatTokenAmount(units, d);
  const symbol = result.pool.symbol ? ` ${result.pool.symbol}` : "";
  if (format === "json") return `${JSON.stringify(matchResultToJson(result), null, 2)}\n`;
  // clr.fund rounds: names repeat, so each row also carries the recipient's index and address
  const recipients = result.projects.some((p) => p.recipientIndex !== undefined);
  const recipientCells = (p: ProjectMatch) => [p.recipientIndex === undefined ? "" : String(p.recipientIndex), p.recipientAddress ?? ""];
  if (format === "csv") {
    const lines = [`${recipients ? "recipient_index,recipient_address," : ""}project,contributors,contributions,match,total,uncapped_match,capped`];
    for (const p of result.projects)
      lines.push(
        [
          ...(recipients ? recipientCells(p).map(csvField) : []),
          csvField(p.project),
          p.contributors,
          amount(p.contributions),
          amount(p.match),
          amount(p.total),
          amount(p.uncappedMatch),
          p.capped,
        ].join(","),
      );
    return `${lines.join("\n")}\n`;
  }
  const summary = [
    `algorithm: ${result.algorithm}`,
    `pool: ${amount(result.pool.amount)}${symbol}; distributed ${amount(result.distributed)}${symbol}; undistributed ${amount(result.undistributed)}${symbol}`,
    result.contributionCount === 0 && result.algorithm.startsWith("clrfund")
      ? `from a clr.fund tally: ${result.projects.length} projects (per-project contributor counts are not in a tally)`
      : `counted: ${result.contributionCount} contributions from ${result.contributorCount} contributors to ${result.projects.length} projects` +
        ` (left out: ${result.excluded.zeroAmount} zero, ${result.excluded.belowMinimum} below minimum, ${result.excluded.selfContributions} self)`,
  ];
  if (result.caps.cap !== null)
    summary.push(
      `cap: ${amount(result.caps.cap)}${symbol} per project; ${result.caps.cappedProjects.length} capped, ` +
        `${amount(result.caps.movedFromCapped)}${symbol} moved from them in ${result.caps.iterations} round(s)`,
    );
  if (format === "markdown") {
    const lines = [
      ...summary.map((s) => `- ${s}`),
      "",
      `| ${recipients ? "# | address | " : ""}project | contributors | contributions | match | total | capped |`,
      `| ${recipients ? "---: | --- | " : ""}--- | ---: | ---: | ---: | ---: | :---: |`,
    ];
    for (const p of result.projects)
      lines.push(
        `| ${recipients ? `${recipientCells(p).map((c) => mdCell(c)).join(" | ")} | ` : ""}${mdCell(p.project)} | ${p.contributors} | ${amount(p.contributions)} | ${amount(p.match)} | ${amount(p.total)} | ${p.capped ? "yes" : ""} |`,
      );
    return `${lines.join("\n")}\n`;
  }
  const rows = result.projects.map((p) => [
    ...(recipients ? recipientCells(p) : []),
    p.project,
    String(p.contributors),
    amount(p.contributions),
    amount(p.match),
    amount(p.total),
    p.capped ? "capped" : "",
  ]);
  const header = [...(recipients ? ["#", "address"] : []), "project", "contributors", "contributions", "match", "total", ""];
  const name = recipients ? 2 : 0;
  const widths = header.map((h, c) =>
    Math.min(c === name ? 48 : c === name - 1 ? 42 : 40, Math.max(h.length, ...rows.map((r) => r[c]!.length))),
  );
  const pad = (cells: string[]) =>
    cells
      .map((cell, c) => {
        const text = c === name && cell.length > widths[name]! ? `${cell.slice(0, widths[name]! - 1)}…` : cell;
        return c === name || c === name - 1 || c === header.length - 1 ? text.padEnd(widths[c]!) : text.padStart(widths[c]!);
      })
      .join("  ")
      .trimEnd();
  return `${[...summary, "", pad(header), ...rows.map(pad)].join("\n")}\n`;
}
