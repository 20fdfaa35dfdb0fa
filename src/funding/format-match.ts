import { escapeMarkdownCell } from "../text/index.js";
import { formatTokenAmount } from "./parse-token-amount.js";
import type { MatchRoundReturnType } from "./types.js";

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
  if (format === "csv") {
    const lines = ["project,contributors,contributions,match,total,uncapped_match,capped"];
    for (const p of result.projects)
      lines.push(
        [
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
      `| project | contributors | contributions | match | total | capped |`,
      `| --- | ---: | ---: | ---: | ---: | :---: |`,
    ];
    for (const p of result.projects)
      lines.push(
        `| ${mdCell(p.project)} | ${p.contributors} | ${amount(p.contributions)} | ${amount(p.match)} | ${amount(p.total)} | ${p.capped ? "yes" : ""} |`,
      );
    return `${lines.join("\n")}\n`;
  }
  const rows = result.projects.map((p) => [
    p.project,
    String(p.contributors),
    amount(p.contributions),
    amount(p.match),
    amount(p.total),
    p.capped ? "capped" : "",
  ]);
  const header = ["project", "contributors", "contributions", "match", "total", ""];
  const widths = header.map((h, c) =>
    Math.min(c === 0 ? 48 : 40, Math.max(h.length, ...rows.map((r) => r[c]!.length))),
  );
  const pad = (cells: string[]) =>
    cells
      .map((cell, c) => {
        const text = c === 0 && cell.length > widths[0]! ? `${cell.slice(0, widths[0]! - 1)}…` : cell;
        return c === 0 || c === 5 ? text.padEnd(widths[c]!) : text.padStart(widths[c]!);
      })
      .join("  ")
      .trimEnd();
  return `${[...summary, "", pad(header), ...rows.map(pad)].join("\n")}\n`;
}
