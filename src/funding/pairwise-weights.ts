import type { AggregatedRound } from "./aggregate.js";
import { createPairwiseKernel } from "./pairwise-kernel.js";

/**
 * Pairwise-bounded QF, Gitcoin's form: a project's subsidy is
 * Σ over pairs i < j of its contributors of √(cᵢcⱼ) · M / (M + Pᵢⱼ), where
 * Pᵢⱼ = Σ over every project p both funded of √(cᵢₚcⱼₚ) (the pair's total) and `threshold` M is
 * in the same base units as the amounts.
 *
 * Sparse: contributor i is taken in turn; one pass over the projects i funded accumulates Pᵢⱼ
 * for every later contributor j into a scratch row indexed by j, and a second pass adds the
 * pairs' terms to each project. Memory is O(contributors + entries), never O(pairs).
 * The three inner loops run in a small WebAssembly kernel where available (`webAssembly: false`
 * forces the JavaScript loops; the weights are bit-identical either way).
 *
 * @example
 * pairwiseWeights(round, 25e6) // M = 25 tokens of 6 decimals
 */
export function pairwiseWeights(
  round: AggregatedRound,
  threshold: number,
  options: { webAssembly?: boolean } = {},
): Float64Array {
  if (!(threshold > 0)) throw new RangeError("pairwiseWeights: the threshold M must be positive");
  const { projectStart, entryContributor, entryAmount, contributorStart, contributorEntry } = round;
  const P = round.projects.length;
  const N = round.contributors.length;
  const E = entryAmount.length;
  const kernel = options.webAssembly === false ? undefined : createPairwiseKernel(E, N);
  const root = kernel ? kernel.root : new Float64Array(E);
  for (let e = 0; e < E; e++) root[e] = Math.sqrt(entryAmount[e]!);
  if (kernel) {
    kernel.entryContributor.set(entryContributor);
    const weights = new Float64Array(P);
    const projectEnd = new Int32Array(E); // the end of each entry's project list
    const projectOf = new Int32Array(E);
    for (let p = 0; p < P; p++)
      for (let e = projectStart[p]!; e < projectStart[p + 1]!; e++) {
        projectEnd[e] = projectStart[p + 1]!;
        projectOf[e] = p;
      }
    for (let i = 0; i < N; i++) {
      const first = contributorStart[i]!;
      const last = contributorStart[i + 1]!;
      let touchedCount = 0;
      for (let k = first; k < last; k++) {
        const e = contributorEntry[k]!;
        touchedCount = kernel.scatter(root[e]!, e + 1, projectEnd[e]!, touchedCount);
      }
      if (touchedCount === 0) continue;
      kernel.factors(touchedCount, threshold);
      for (let k = first; k < last; k++) {
        const e = contributorEntry[k]!;
        weights[projectOf[e]!]! += root[e]! * kernel.dot(e + 1, projectEnd[e]!);
      }
    }
    return weights;
  }
  // the same loops in JavaScript
  // position of each entry inside its project's list: the later contributors are the suffix after it
  const pairTotal = new Float64Array(N);
  const factor = new Float64Array(N);
  // later contributors whose pair total with i is being summed; a j is listed again only while its
  // total is still 0 (zero amounts), so one turn lists at most as many as there are entries
  const touched = new Int32Array(E);
  const weights = new Float64Array(P);
  const projectOf = new Int32Array(E);
  for (let p = 0; p < P; p++) for (let e = projectStart[p]!; e < projectStart[p + 1]!; e++) projectOf[e] = p;
  for (let i = 0; i < N; i++) {
    const first = contributorStart[i]!;
    const last = contributorStart[i + 1]!;
    let touchedCount = 0;
    for (let k = first; k < last; k++) {
      const e = contributorEntry[k]!;
      const end = projectStart[projectOf[e]! + 1]!;
      const ri = root[e]!;
      for (let f = e + 1; f < end; f++) {
        const j = entryContributor[f]!;
        const before = pairTotal[j]!;
        if (before === 0) touched[touchedCount++] = j; // j may repeat while its total is 0: harmless
        pairTotal[j] = before + ri * root[f]!;
      }
    }
    if (touchedCount === 0) continue;
    for (let t = 0; t < touchedCount; t++) {
      const j = touched[t]!;
      factor[j] = threshold / (threshold + pairTotal[j]!);
    }
    for (let t = 0; t < touchedCount; t++) pairTotal[touched[t]!] = 0;
    for (let k = first; k < last; k++) {
      const e = contributorEntry[k]!;
      const p = projectOf[e]!;
      const end = projectStart[p + 1]!;
      const ri = root[e]!;
      let w = 0;
      for (let f = e + 1; f < end; f++) w += root[f]! * factor[entryContributor[f]!]!;
      weights[p]! += ri * w;
    }
  }
  return weights;
}
