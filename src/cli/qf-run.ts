/** `omrl qf` and `omrl qf funders`: the work, loaded only when one of them runs (see qf.ts). */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { InvalidInputError } from "../errors.js";
import {
  clrfundMatch,
  clrfundTallyFromRound,
  createRoundBuilder,
  formatMatchResult,
  matchRound,
  parseClrfundRound,
  parseContributionsCsv,
  parseContributionsJson,
  parseTokenAmount,
  type ClrfundFormula,
  type MatchFormat,
  type MatchRoundReturnType,
  type ParseContributionsParameters,
} from "../funding/index.js";
import { parsePercent } from "../money/index.js";
import { writeFileAtomic } from "../node/index.js";
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

export function decimalsOf(text: string): number {
  if (!/^\d{1,2}$/.test(text) || Number(text) > 36)
    throw new InvalidInputError(`--token-decimals must be an integer from 0 to 36 (got "${text}")`);
  return Number(text);
}

export async function readText(path: string, io: CliIO, flag: string): Promise<string> {
  return (await readBytes(path, io, flag)).toString("utf8");
}

async function readBytes(path: string, io: CliIO, flag: string): Promise<Buffer> {
  try {
    return await readFile(resolve(io.cwd, path));
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
export async function readContributions(
  options: InputOptions,
  decimals: number,
  io: CliIO,
  onContribution?: ParseContributionsParameters["onContribution"],
) {
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
    onContribution,
  };
  if (path.toLowerCase().endsWith(".json"))
    return parseContributionsJson(parseJson(await readText(path, io, "--contributions"), path), parameters);
  // the CSV's bytes one per character: the parser decodes only the fields it uses, which spares
  // decoding the whole file (GR9: 9 MB, ~35 ms) and keeps it at one byte per character
  const bytes = await readBytes(path, io, "--contributions");
  return parseContributionsCsv(bytes.toString("latin1"), { ...parameters, utf8Bytes: true });
}

export async function emit(text: string, output: string | undefined, io: CliIO): Promise<void> {
  if (output) await writeFileAtomic(resolve(io.cwd, output), text);
  else io.stdout(text);
}

export async function runQf(options: QfOptions, io: CliIO): Promise<void> {
  let result: MatchRoundReturnType;
  if ((options.round || options.algorithm === "clrfund") && options.cap !== undefined)
    throw new InvalidInputError("clr.fund's formulas have no cap: drop --cap");
  if (options.round) {
    // a clr.fund round export: its own tally, token and pool
    const round = parseClrfundRound(
      parseJson(await readText(options.round, io, "--round"), options.round),
      options.round,
    );
    const projects = round.projects.length
      ? round.projects.filter((p) => p.state !== "Removed" || p.allocatedAmount !== 0n)
      : round.tally.tally.map((_, i) => ({ name: `recipient ${i}`, recipientIndex: i, recipientAddress: undefined }));
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
    // every flag is checked before the file is read
    const capPpm = options.cap === undefined ? undefined : parsePercent(options.cap, "--cap");
    const pairwiseThreshold = parseTokenAmount(options.pairwiseThreshold, {
      decimals,
      location: "--pairwise-threshold",
    });
    // rows go straight from the parser into the round: none is kept
    const builder = createRoundBuilder({
      minimumContribution:
        options.minContribution === undefined
          ? undefined
          : parseTokenAmount(options.minContribution, { decimals, location: "--min-contribution" }),
      excludeSelfContributions: !options.includeSelf,
    });
    await readContributions(options, decimals, io, builder.add);
    const round = builder.finish();
    if (options.algorithm === "clrfund") {
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
        capPpm,
        pairwiseThreshold,
      });
    }
  }
  await emit(formatMatchResult(result, options.format), options.output, io);
  io.setExitCode(EXIT_OK);
}
