import { InvalidInputError } from "../errors.js";
import type { AggregatedRound } from "./aggregate.js";
import { sortProjects } from "./match-round.js";
import type { MatchRoundReturnType, ProjectMatch } from "./types.js";

/** clr.fund's fixed-point scale for α (ALPHA_PRECISION). */
export const CLRFUND_ALPHA_PRECISION = 10n ** 18n;

/** What clr.fund's contract reads from a MACI tally, per recipient index. */
export type ClrfundTally = {
  /** Matching pool, base units. */
  matchingPoolSize: bigint;
  /** Base units per voice credit. */
  voiceCreditFactor: bigint;
  /** Σ voice credits spent in the round. */
  totalSpent: bigint;
  /** Per recipient: Σ √(voice credits), the vote totals. */
  tally: readonly bigint[];
  /** Per recipient: Σ voice credits spent on it. */
  spent: readonly bigint[];
};

/**
 * `quadratic`: the current contract (α blends the quadratic and the linear parts);
 * `linear`: the older contracts (the pool shared by vote totals, contributions added).
 */
export type ClrfundFormula = "quadratic" | "linear";

/**
 * clr.fund's α in integer arithmetic: matchingPoolSize · 10^18 / (vcf · (Σ tally² − totalSpent)).
 * Refused when no recipient has more than one vote (Σ tally² ≤ totalSpent), as the contract does.
 */
export function clrfundAlpha(tally: ClrfundTally): bigint {
  let squares = 0n;
  for (const t of tally.tally) squares += t * t;
  if (squares <= tally.totalSpent)
    throw new InvalidInputError("clr.fund: no recipient has more than one vote (Σ tally² ≤ total spent)");
  return (tally.matchingPoolSize * CLRFUND_ALPHA_PRECISION) / (tally.voiceCreditFactor * (squares - tally.totalSpent));
}

/**
 * Each recipient's allocated amount (contributions plus match, base units) by clr.fund's on-chain
 * formulas, in the contract's integer arithmetic, so published payouts are reproduced to the wei:
 * - quadratic: (α·vcf·tallyᵢ² + (10^18 − α)·vcf·spentᵢ) / 10^18;
 * - linear: matchingPoolSize·tallyᵢ / Σ tally + spentᵢ·vcf.
 * Integer division leaves dust in the contract: the allocations need not sum to pool + contributions.
 *
 * @example
 * clrfundAllocations(tally, "quadratic")[3] // 1234000000000000000n
 */
export function clrfundAllocations(tally: ClrfundTally, formula: ClrfundFormula): bigint[] {
  const { voiceCreditFactor: vcf, matchingPoolSize: pool } = tally;
  if (tally.tally.length !== tally.spent.length)
    throw new InvalidInputError(`clr.fund: ${tally.tally.length} vote totals but ${tally.spent.length} spent totals`);
  if (vcf <= 0n) throw new InvalidInputError("clr.fund: the voice credit factor must be positive");
  if (formula === "quadratic") {
    const alpha = clrfundAlpha(tally);
    const P = CLRFUND_ALPHA_PRECISION;
    return tally.tally.map((t, i) => (alpha * vcf * t * t + (P - alpha) * vcf * tally.spent[i]!) / P);
  }
  if (formula === "linear") {
    let votes = 0n;
    for (const t of tally.tally) votes += t;
    if (votes === 0n) throw new InvalidInputError("clr.fund: no votes in the tally");
    return tally.tally.map((t, i) => (pool * t) / votes + tally.spent[i]! * vcf);
  }
  throw new InvalidInputError(`unknown clr.fund formula "${String(formula)}" (quadratic, linear)`);
}

/** A clr.fund round export (the app's `rounds/<network>/<round>.json`), as read by `parseClrfundRound`. */
export type ClrfundRound = {
  tally: ClrfundTally;
  decimals: number;
  symbol: string | undefined;
  projects: {
    recipientIndex: number;
    name: string;
    recipientAddress: string | undefined;
    state: string | undefined;
    /** The published payout, when the export has one. */
    allocatedAmount: bigint | undefined;
  }[];
};

const uint = (value: unknown, location: string): bigint => {
  if (typeof value !== "string" || !/^\d{1,78}$/.test(value))
    throw new InvalidInputError("expected an unsigned integer string", { location });
  return BigInt(value);
};

/**
 * Reads a clr.fund round export: `round` (matchingPoolSize, totalSpent, voiceCreditFactor,
 * nativeTokenDecimals), `tally` (results.tally, totalVoiceCreditsPerVoteOption.tally) and
 * `projects[]` (recipientIndex, name, allocatedAmount).
 */
export function parseClrfundRound(value: unknown, source = "round.json"): ClrfundRound {
  const at = (pointer: string) => `${source}#${pointer}`;
  const root = value as {
    round?: Record<string, unknown>;
    tally?: { results?: { tally?: unknown }; totalVoiceCreditsPerVoteOption?: { tally?: unknown } };
    projects?: unknown;
  };
  if (!root || typeof root !== "object" || !root.round || !root.tally)
    throw new InvalidInputError("not a clr.fund round export (needs round and tally)", { location: source });
  const r = root.round;
  const list = (v: unknown, pointer: string) => {
    if (!Array.isArray(v)) throw new InvalidInputError("expected an array", { location: at(pointer) });
    return v.map((x, i) => uint(x, at(`${pointer}/${i}`)));
  };
  const tally: ClrfundTally = {
    matchingPoolSize: uint(r.matchingPoolSize, at("/round/matchingPoolSize")),
    voiceCreditFactor: uint(r.voiceCreditFactor, at("/round/voiceCreditFactor")),
    totalSpent: uint(r.totalSpent, at("/round/totalSpent")),
    tally: list(root.tally.results?.tally, "/tally/results/tally"),
    spent: list(root.tally.totalVoiceCreditsPerVoteOption?.tally, "/tally/totalVoiceCreditsPerVoteOption/tally"),
  };
  const decimals = typeof r.nativeTokenDecimals === "number" ? r.nativeTokenDecimals : 18;
  const projects = (Array.isArray(root.projects) ? root.projects : []).map((p: Record<string, unknown>, k: number) => {
    const recipientIndex = p.recipientIndex;
    if (typeof recipientIndex !== "number" || !Number.isInteger(recipientIndex) || recipientIndex < 0)
      throw new InvalidInputError("recipientIndex must be a non-negative integer", {
        location: at(`/projects/${k}/recipientIndex`),
      });
    return {
      recipientIndex,
      name: typeof p.name === "string" ? p.name : `recipient ${recipientIndex}`,
      recipientAddress: typeof p.recipientAddress === "string" ? p.recipientAddress : undefined,
      state: typeof p.state === "string" ? p.state : undefined,
      allocatedAmount:
        p.allocatedAmount === undefined ? undefined : uint(p.allocatedAmount, at(`/projects/${k}/allocatedAmount`)),
    };
  });
  return {
    tally,
    decimals,
    symbol: typeof r.nativeTokenSymbol === "string" ? r.nativeTokenSymbol : undefined,
    projects,
  };
}

/** Integer square root (floor). */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError("isqrt of a negative number");
  if (n < 2n) return n;
  // Newton's method from above: x ≥ √n throughout, decreasing to ⌊√n⌋
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2)); // 2^⌈bits/2⌉ ≥ √n
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) break;
    x = y;
  }
  while (x * x > n) x--;
  return x;
}

/**
 * A clr.fund tally from plain contributions, as the clr.fund app casts them: each contributor's
 * amount to a project buys floor(amount / vcf) voice credits, spent as a vote of weight
 * w = ⌊√credits⌋ costing w² credits; tallyₚ = Σ w, spentₚ = Σ w².
 */
export function clrfundTallyFromRound(
  round: AggregatedRound,
  matchingPoolSize: bigint,
  voiceCreditFactor: bigint,
): ClrfundTally {
  if (voiceCreditFactor <= 0n) throw new InvalidInputError("clr.fund: the voice credit factor must be positive");
  const P = round.projects.length;
  const tally: bigint[] = new Array(P).fill(0n);
  const spent: bigint[] = new Array(P).fill(0n);
  let totalSpent = 0n;
  for (let p = 0; p < P; p++)
    for (let e = round.projectStart[p]!; e < round.projectStart[p + 1]!; e++) {
      const w = isqrt(round.entryUnits[e]! / voiceCreditFactor);
      tally[p]! += w;
      spent[p]! += w * w;
      totalSpent += w * w;
    }
  return { matchingPoolSize, voiceCreditFactor, totalSpent, tally, spent };
}

/**
 * clr.fund's result in `matchRound`'s shape: per project, contributions = spent·vcf (what the
 * contract counts), total = the allocation, match = total − contributions.
 */
export function clrfundMatch(
  tally: ClrfundTally,
  formula: ClrfundFormula,
  projects: { name: string; recipientIndex: number; recipientAddress?: string | undefined }[],
  pool: { decimals: number; symbol?: string | undefined },
  contributorCounts?: readonly number[],
): MatchRoundReturnType {
  const allocations = clrfundAllocations(tally, formula);
  const matches: ProjectMatch[] = projects.map(({ name, recipientIndex, recipientAddress }) => {
    const total = allocations[recipientIndex];
    if (total === undefined)
      throw new InvalidInputError(`recipient index ${recipientIndex} is outside the tally (${allocations.length})`);
    const contributions = tally.spent[recipientIndex]! * tally.voiceCreditFactor;
    const match = total - contributions;
    return {
      project: name,
      contributors: contributorCounts?.[recipientIndex] ?? 0,
      contributions,
      match,
      total,
      uncappedMatch: match,
      capped: false,
      recipientIndex,
      ...(recipientAddress === undefined ? {} : { recipientAddress }),
    };
  });
  let distributed = 0n;
  for (const m of matches) distributed += m.match;
  return {
    algorithm: formula === "quadratic" ? "clrfund-quadratic" : "clrfund-linear",
    pool: { amount: tally.matchingPoolSize, decimals: pool.decimals, symbol: pool.symbol },
    distributed,
    undistributed: tally.matchingPoolSize - distributed,
    projects: sortProjects(matches),
    caps: { cap: null, cappedProjects: [], movedFromCapped: 0n, iterations: 0 },
    excluded: { zeroAmount: 0, belowMinimum: 0, selfContributions: 0 },
    contributionCount: 0,
    contributorCount: 0,
  };
}
