/** `omrl qf` and `omrl qf funders`: the work, loaded only when one of them runs (see qf.ts). */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { InvalidInputError } from "../errors.js";
import {
  aggregateContributions,
  clrfundMatch,
  clrfundTallyFromRound,
  formatMatchResult,
  formatTokenAmount,
  funderPayback,
  matchRound,
  parseClrfundRound,
  parseContributionsCsv,
  parseContributionsJson,
  parseCsv,
  parseTokenAmount,
  type ClrfundFormula,
  type FunderPaybackReturnType,
  type MatchFormat,
  type MatchRoundReturnType,
  type ParseContributionsParameters,
} from "../funding/index.js";
import { formatPercent, parsePercent } from "../money/rate.js";
import { writeFileAtomic } from "../node/write-file-atomic.js";
import { EXIT_OK } from "./exit.js";
import type { CliIO } from "./program.js";

type InputOptions = {
  contributions?: string;
  tokenDecimals: string;
  roundAmounts?: boolean;
  skipNegative?: boolean;
  where: string[];
  contributorColumn?: string;
  projectColumn?: string;
  amountColumn?: string;
  weightColumn?: string;
};

export type QfOptions = InputOptions & {
  pool?: string;
  tokenSymbol?: string;
  cap?: string;
  algorithm: "standard" | "pairwise" | "cocm" | "clrfund";
  minContribution?: string;
  includeSelf?: boolean;
  pairwiseThreshold: string;
  clrfundFormula: ClrfundFormula;
  voiceCreditFactor?: string;
  round?: string;
  format: MatchFormat;
  output?: string;
};

export type FundersOptions = InputOptions & {
  project: string;
  weighting: "pro-rata" | "sqrt";
  slice: string;
  addresses?: string;
  format: "text" | "json";
  output?: string;
};

function decimalsOf(text: string): number {
  if (!/^\d{1,2}$/.test(text) || Number(text) > 36)
    throw new InvalidInputError(`--token-decimals must be an integer from 0 to 36 (got "${text}")`);
  return Number(text);
}

async function readText(path: string, io: CliIO, flag: string): Promise<string> {
  try {
    return await readFile(resolve(io.cwd, path), "utf8");
  } catch (error) {
    throw new InvalidInputError(
      `cannot read ${flag} ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      {
        cause: error,
      },
    );
  }
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(`not valid JSON: ${(error as Error).message}`, { location: path, cause: error });
  }
}

/** Reads the contributions file (CSV, or JSON when it ends in .json) with the shared input flags. */
async function readContributions(options: InputOptions, decimals: number, io: CliIO) {
  if (!options.contributions) throw new InvalidInputError("--contributions <file> is required");
  const path = options.contributions;
  const where: Record<string, string> = {};
  for (const clause of options.where) {
    const at = clause.indexOf("=");
    if (at <= 0) throw new InvalidInputError(`--where takes column=value (got "${clause}")`);
    where[clause.slice(0, at)] = clause.slice(at + 1);
  }
  const parameters: ParseContributionsParameters = {
    decimals,
    rounding: options.roundAmounts ? "half-up" : "exact",
    skipNegative: options.skipNegative,
    source: path,
    where,
    columns: {
      contributor: options.contributorColumn,
      project: options.projectColumn,
      amount: options.amountColumn,
      weight: options.weightColumn,
    },
  };
  const text = await readText(path, io, "--contributions");
  return path.toLowerCase().endsWith(".json")
    ? parseContributionsJson(parseJson(text, path), parameters)
    : parseContributionsCsv(text, parameters);
}

async function emit(text: string, output: string | undefined, io: CliIO): Promise<void> {
  if (output) await writeFileAtomic(resolve(io.cwd, output), text);
  else io.stdout(text);
}

export async function runQf(options: QfOptions, io: CliIO): Promise<void> {
  let result: MatchRoundReturnType;
  if (options.round) {
    // a clr.fund round export: its own tally, token and pool
    const round = parseClrfundRound(
      parseJson(await readText(options.round, io, "--round"), options.round),
      options.round,
    );
    const projects = round.projects.length
      ? round.projects.filter((p) => p.state !== "Removed" || p.allocatedAmount !== 0n)
      : round.tally.tally.map((_, i) => ({ name: `recipient ${i}`, recipientIndex: i }));
    result = clrfundMatch(round.tally, options.clrfundFormula, projects, {
      decimals: round.decimals,
      symbol: options.tokenSymbol ?? round.symbol,
    });
  } else {
    const decimals = decimalsOf(options.tokenDecimals);
    if (options.pool === undefined)
      throw new InvalidInputError("--pool <amount> is required (the matching pool, in tokens)");
    const pool = {
      amount: parseTokenAmount(options.pool, { decimals, location: "--pool" }),
      decimals,
      symbol: options.tokenSymbol,
    };
    // no name holds the rows (nor the file's text): they can be collected once aggregated
    const round = aggregateContributions((await readContributions(options, decimals, io)).contributions, {
      minimumContribution:
        options.minContribution === undefined
          ? undefined
          : parseTokenAmount(options.minContribution, { decimals, location: "--min-contribution" }),
      excludeSelfContributions: !options.includeSelf,
    });
    if (options.algorithm === "clrfund") {
      if (options.cap !== undefined) throw new InvalidInputError("clr.fund's formulas have no cap: drop --cap");
      const vcf =
        options.voiceCreditFactor === undefined
          ? 10n ** BigInt(Math.max(0, decimals - 5))
          : parseTokenAmount(options.voiceCreditFactor, { decimals: 0, location: "--voice-credit-factor" });
      const tally = clrfundTallyFromRound(round, pool.amount, vcf);
      const counts = round.projects.map((_, p) => round.projectStart[p + 1]! - round.projectStart[p]!);
      result = clrfundMatch(
        tally,
        options.clrfundFormula,
        round.projects.map((name, recipientIndex) => ({ name, recipientIndex })),
        pool,
        counts,
      );
      result.excluded = round.excluded;
      result.contributionCount = round.contributionCount;
      result.contributorCount = round.contributors.length;
    } else {
      result = matchRound({
        contributions: round,
        pool,
        algorithm: options.algorithm,
        capPpm: options.cap === undefined ? undefined : parsePercent(options.cap, "--cap"),
        pairwiseThreshold: parseTokenAmount(options.pairwiseThreshold, { decimals, location: "--pairwise-threshold" }),
      });
    }
  }
  await emit(formatMatchResult(result, options.format), options.output, io);
  io.setExitCode(EXIT_OK);
}

/** contributor,address rows (a header row first) → Map. */
function parseAddressMap(text: string, source: string): Map<string, string> {
  const map = new Map<string, string>();
  let columns: [number, number] | undefined;
  parseCsv(
    text,
    (fields, line) => {
      if (!columns) {
        const names = fields.map((f) => f.trim().toLowerCase());
        const c = names.indexOf("contributor");
        const a = names.indexOf("address");
        if (c < 0 || a < 0)
          throw new InvalidInputError("the address map needs columns contributor and address", {
            location: `${source}:1`,
          });
        columns = [c, a];
        return;
      }
      const contributor = fields[columns[0]];
      const address = fields[columns[1]];
      if (!contributor || !address)
        throw new InvalidInputError("a row needs a contributor and an address", { location: `${source}:${line}` });
      map.set(contributor, address.trim());
    },
    { source },
  );
  return map;
}

function formatFunders(payback: FunderPaybackReturnType, decimals: number, format: "text" | "json"): string {
  if (format === "json")
    return `${JSON.stringify(
      {
        project: payback.project,
        weighting: payback.weighting,
        slice: formatPercent(payback.slicePpm),
        payees: payback.payees,
        split: payback.split,
        funders: payback.funders.map((f) => ({
          account: f.account,
          contributors: f.contributors,
          contributed: formatTokenAmount(f.contributed, decimals),
          contributedUnits: f.contributed.toString(),
          share: formatPercent(f.sharePpm),
          splitAllocation: Number(f.allocation),
        })),
        belowResolution: payback.belowResolution,
      },
      null,
      2,
    )}\n`;
  const lines = [
    `project: ${payback.project}`,
    `funders: ${payback.funders.length}; weighting ${payback.weighting}; their slice ${formatPercent(payback.slicePpm)} of the revenue split`,
    "",
    "account                                     contributed          share  split (1e6)",
    ...payback.funders.map(
      (f) =>
        `${f.account}  ${formatTokenAmount(f.contributed, decimals).padStart(18)}  ${formatPercent(f.sharePpm).padStart(9)}  ${String(f.allocation).padStart(11)}`,
    ),
  ];
  if (payback.belowResolution.length)
    lines.push(
      "",
      `${payback.belowResolution.length} funder(s) round to 0 ppm of the revenue split and are left out of payees`,
    );
  lines.push("", "payees for omrl.json (payment.payees):", JSON.stringify(payback.payees, null, 2));
  return `${lines.join("\n")}\n`;
}

export async function runFunders(options: FundersOptions, io: CliIO): Promise<void> {
  const decimals = decimalsOf(options.tokenDecimals);
  const { contributions } = await readContributions(options, decimals, io);
  const addresses = options.addresses
    ? parseAddressMap(await readText(options.addresses, io, "--addresses"), options.addresses)
    : undefined;
  const payback = funderPayback({
    contributions,
    project: options.project,
    weighting: options.weighting,
    slicePpm: parsePercent(options.slice, "--slice"),
    addresses,
  });
  await emit(formatFunders(payback, decimals, options.format), options.output, io);
  io.setExitCode(EXIT_OK);
}
