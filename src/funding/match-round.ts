import { InvalidInputError } from "../errors.js";
import { PPM } from "../money/index.js";
import { aggregateContributions, type AggregatedRound } from "./aggregate.js";
import { cocmWeights } from "./cocm-weights.js";
import { distributeByWeights, quantizeWeights } from "./distribute.js";
import { pairwiseWeights } from "./pairwise-weights.js";
import { standardWeights } from "./standard-weights.js";
import type { Contribution, MatchRoundReturnType, MatchingPool, ProjectMatch, QfAlgorithm } from "./types.js";

export type MatchRoundParameters = {
  /** The round's contributions, or a round already aggregated with `aggregateContributions`. */
  contributions: readonly Contribution[] | AggregatedRound;
  pool: MatchingPool;
  /** Default `standard`. */
  algorithm?: QfAlgorithm;
  /** Rows below this many base units are left out (default: none). */
  minimumContribution?: bigint;
  /** Leave out rows whose contributor is the project's recipient (default true). */
  excludeSelfContributions?: boolean;
  /** Most a project may receive, as ppm of the pool (`parsePercent("10%")`); absent: no cap. */
  capPpm?: bigint;
  /** Pairwise threshold M in base units (default 25 whole tokens, Gitcoin's verified threshold). */
  pairwiseThreshold?: bigint;
};

/**
 * Matches a quadratic-funding round: each project's raw weight under the chosen algorithm
 * (float64), quantized to integers, then the pool split in integers with the cap applied by
 * iterative redistribution. Every match is a `bigint` of base units and the matches sum exactly to
 * `distributed` (the whole pool unless caps or an all-zero round leave some over).
 *
 * @example
 * const result = matchRound({
 *   contributions: [
 *     { contributor: "alice", project: "llama-fr", amount: 4_000000n },
 *     { contributor: "bob", project: "llama-fr", amount: 1_000000n },
 *     { contributor: "carol", project: "tiny-vision", amount: 9_000000n },
 *   ],
 *   pool: { amount: 1000_000000n, decimals: 6, symbol: "USDC" },
 *   algorithm: "standard",
 *   capPpm: parsePercent("80%"),
 * });
 * result.projects[0] // { project: "llama-fr", match: 800000000n, capped: true, … }
 */
export function matchRound(parameters: MatchRoundParameters): MatchRoundReturnType {
  const { pool, algorithm = "standard", capPpm } = parameters;
  if (pool.amount < 0n) throw new InvalidInputError("the matching pool must not be negative");
  if (capPpm !== undefined && (capPpm < 0n || capPpm > PPM))
    throw new InvalidInputError(`the cap must be between 0% and 100% (got ${capPpm} ppm)`);
  const round =
    "projectStart" in parameters.contributions
      ? parameters.contributions
      : aggregateContributions(parameters.contributions, {
          minimumContribution: parameters.minimumContribution,
          excludeSelfContributions: parameters.excludeSelfContributions,
        });
  let weights: Float64Array;
  if (algorithm === "standard") weights = standardWeights(round);
  else if (algorithm === "pairwise") {
    const threshold = parameters.pairwiseThreshold ?? 25n * 10n ** BigInt(pool.decimals);
    if (threshold <= 0n) throw new InvalidInputError("the pairwise threshold M must be positive");
    weights = pairwiseWeights(round, Number(threshold));
  } else if (algorithm === "cocm") weights = cocmWeights(round);
  else throw new InvalidInputError(`unknown algorithm "${String(algorithm)}" (standard, pairwise, cocm)`);

  const integerWeights = quantizeWeights(weights);
  const cap = capPpm === undefined ? undefined : (pool.amount * capPpm) / PPM;
  const uncapped = distributeByWeights({ amount: pool.amount, weights: integerWeights });
  const capped =
    cap === undefined ? uncapped : distributeByWeights({ amount: pool.amount, weights: integerWeights, cap });

  const projects: ProjectMatch[] = round.projects.map((project, p) => ({
    project,
    contributors: round.projectStart[p + 1]! - round.projectStart[p]!,
    contributions: round.projectContributions[p]!,
    match: capped.parts[p]!,
    total: round.projectContributions[p]! + capped.parts[p]!,
    uncappedMatch: uncapped.parts[p]!,
    capped: capped.capped[p]!,
  }));
  let movedFromCapped = 0n;
  for (const m of projects) if (m.capped) movedFromCapped += m.uncappedMatch - m.match;
  return {
    algorithm,
    pool,
    distributed: capped.distributed,
    undistributed: pool.amount - capped.distributed,
    projects: sortProjects(projects),
    caps: {
      cap: cap ?? null,
      cappedProjects: projects.filter((m) => m.capped).map((m) => m.project),
      movedFromCapped,
      iterations: capped.iterations,
    },
    excluded: round.excluded,
    contributionCount: round.contributionCount,
    contributorCount: round.contributors.length,
  };
}

/** Largest match first, then by name: a stable order for every output format. */
export function sortProjects(projects: ProjectMatch[]): ProjectMatch[] {
  return projects.sort((x, y) =>
    x.match > y.match ? -1 : x.match < y.match ? 1 : x.project < y.project ? -1 : x.project > y.project ? 1 : 0,
  );
}
