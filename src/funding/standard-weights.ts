import type { AggregatedRound } from "./aggregate.js";

/**
 * Standard QF (Gitcoin's CLR): each project's subsidy (Σ√cᵢ)² − Σcᵢ, in float64, written as
 * Σᵢ √cᵢ·(S − √cᵢ) with S = Σ√cᵢ. The two are equal in exact arithmetic; the second is never
 * negative in floating point (S ≥ each of its non-negative terms) and is exactly 0 for a
 * project with one contributor.
 *
 * @example
 * standardWeights(aggregateContributions(rows)) // Float64Array, one weight per project
 */
export function standardWeights(round: AggregatedRound): Float64Array {
  const { projectStart, entryAmount } = round;
  const P = round.projects.length;
  const weights = new Float64Array(P);
  for (let p = 0; p < P; p++) {
    const from = projectStart[p]!;
    const to = projectStart[p + 1]!;
    let sum = 0;
    for (let e = from; e < to; e++) sum += Math.sqrt(entryAmount[e]!);
    let w = 0;
    for (let e = from; e < to; e++) {
      const s = Math.sqrt(entryAmount[e]!);
      w += s * (sum - s);
    }
    weights[p] = w;
  }
  return weights;
}
