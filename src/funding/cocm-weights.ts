import type { AggregatedRound } from "./aggregate.js";
import { createCocmKernel } from "./wasm-kernel.js";

/** Largest contributors × projects (and projects²) that COCM holds as dense float64 tables. */
export const COCM_MAX_CELLS = 64_000_000;

/**
 * Connection-oriented cluster matching as Gitcoin's qf-calculator computes it (`COCM` with
 * `calcstyle="markov"`, `harsh=True`, the donation matrix itself as the clusters, so each
 * project is a cluster and a contributor belongs to the clusters they funded, weighted by amount).
 *
 * With cᵢₚ the matching amounts, wᵢg = cᵢg / Σ_g cᵢg (a contributor's weight on cluster g) and
 * uᵢg = cᵢg / Σᵢ cᵢg (a cluster's weight on its contributor i):
 * - PJP[g][h] = Σᵢ uᵢg·wᵢh, and kᵢₕ = Σ_g wᵢg·PJP[g][h] (the chance that a two-step walk from
 *   i through the clusters reaches h), set to 1 when i funded h;
 * - for project p, X[g][h] = Σ over i in p of cᵢₚ·wᵢg·(1 − kᵢₕ);
 * - the project's subsidy is Σ over g ≠ h of √(X[g][h]·X[h][g]).
 *
 * Sparse where it counts: X is built only over the clusters p's contributors touch, row by row
 * from each contributor's own projects. PJP (projects²) and k (contributors × projects) are dense
 * float64 tables, bounded by `COCM_MAX_CELLS`. The dense row updates run in a WebAssembly SIMD
 * kernel where available (`webAssembly: false` forces the JavaScript loops; results are identical).
 *
 * @example
 * cocmWeights(aggregateContributions(rows)) // Float64Array, one weight per project
 */
export function cocmWeights(round: AggregatedRound, options: { webAssembly?: boolean } = {}): Float64Array {
  const { projectStart, entryContributor, entryAmount: a, contributorStart, contributorEntry } = round;
  const P = round.projects.length;
  const N = round.contributors.length;
  const E = a.length;
  // bounds every table below
  if (N * P > COCM_MAX_CELLS || P * P > COCM_MAX_CELLS)
    throw new RangeError(
      `cocmWeights: ${N} contributors × ${P} projects is more than COCM's ${COCM_MAX_CELLS} dense cells`,
    );
  const projectOf = new Int32Array(E);
  const clusterTotal = new Float64Array(P);
  const contributorTotal = new Float64Array(N);
  for (let p = 0; p < P; p++)
    for (let e = projectStart[p]!; e < projectStart[p + 1]!; e++) {
      projectOf[e] = p;
      clusterTotal[p]! += a[e]!;
      contributorTotal[entryContributor[e]!]! += a[e]!;
    }
  const w = new Float64Array(E); // contributor's weight on the entry's cluster
  const u = new Float64Array(E); // cluster's weight on the entry's contributor
  for (let e = 0; e < E; e++) {
    const ri = contributorTotal[entryContributor[e]!]!;
    const qg = clusterTotal[projectOf[e]!]!;
    w[e] = ri > 0 ? a[e]! / ri : 0;
    u[e] = qg > 0 ? a[e]! / qg : 0;
  }
  // One float64 memory holds every table: X (P × P, at 0), the row 1 − k (P), PJP (P × P) and
  // the rows of k. A contributor who funded one project has k = that project's PJP row exactly
  // (w = 1), so only the others get a row of their own. With WebAssembly the memory is the
  // kernel's, and the dense row updates run there.
  const rowAt = P * P;
  const pjpAt = rowAt + P;
  const kAt = pjpAt + P * P;
  const kRow = new Int32Array(N); // where contributor i's row of k starts
  let rows = 0;
  for (let i = 0; i < N; i++) {
    const first = contributorStart[i]!;
    const single = contributorStart[i + 1]! - first === 1 && w[contributorEntry[first]!] === 1;
    kRow[i] = single ? pjpAt + projectOf[contributorEntry[first]!]! * P : kAt + rows++ * P;
  }
  const size = kAt + rows * P;
  const kernel = options.webAssembly === false ? undefined : createCocmKernel(size);
  const memory = kernel ? kernel.f64 : new Float64Array(size);
  const x = memory.subarray(0, P * P);
  const oneMinusK = memory.subarray(rowAt, rowAt + P);
  const pjp = memory.subarray(pjpAt, pjpAt + P * P);
  for (let i = 0; i < N; i++) {
    const first = contributorStart[i]!;
    const last = contributorStart[i + 1]!;
    for (let k = first; k < last; k++) {
      const e = contributorEntry[k]!;
      const ug = u[e]!;
      if (ug === 0) continue;
      const base = projectOf[e]! * P;
      for (let l = first; l < last; l++) {
        const f = contributorEntry[l]!;
        pjp[base + projectOf[f]!]! += ug * w[f]!;
      }
    }
  }
  for (let i = 0; i < N; i++) {
    const row = kRow[i]!;
    if (row < kAt) continue; // a PJP row
    for (let k = contributorStart[i]!; k < contributorStart[i + 1]!; k++) {
      const e = contributorEntry[k]!;
      const wg = w[e]!;
      if (wg === 0) continue;
      const base = projectOf[e]! * P;
      if (kernel) kernel.axpy(row, pjpAt + base, wg, P);
      else for (let h = 0; h < P; h++) memory[row + h]! += wg * pjp[base + h]!;
    }
  }

  const weights = new Float64Array(P);
  const local = new Int32Array(P).fill(-1);
  const clusters = new Int32Array(P);
  for (let p = 0; p < P; p++) {
    const from = projectStart[p]!;
    const to = projectStart[p + 1]!;
    // the clusters p's contributors touch
    let m = 0;
    for (let e = from; e < to; e++) {
      const i = entryContributor[e]!;
      for (let k = contributorStart[i]!; k < contributorStart[i + 1]!; k++) {
        const g = projectOf[contributorEntry[k]!]!;
        if (local[g]! < 0) {
          local[g] = m;
          clusters[m++] = g;
        }
      }
    }
    x.fill(0, 0, m * m);
    for (let e = from; e < to; e++) {
      const c = a[e]!;
      if (c === 0) continue;
      const i = entryContributor[e]!;
      const row = kRow[i]!;
      for (let h = 0; h < m; h++) oneMinusK[h] = 1 - memory[row + clusters[h]!]!;
      const first = contributorStart[i]!;
      const last = contributorStart[i + 1]!;
      for (let k = first; k < last; k++) {
        const f = contributorEntry[k]!;
        if (a[f]! > 0) oneMinusK[local[projectOf[f]!]!] = 0; // i funded that cluster: k = 1
      }
      for (let k = first; k < last; k++) {
        const f = contributorEntry[k]!;
        const coefficient = c * w[f]!;
        if (coefficient === 0) continue;
        const base = local[projectOf[f]!]! * m;
        if (kernel) kernel.axpy(base, rowAt, coefficient, m);
        else for (let h = 0; h < m; h++) x[base + h]! += coefficient * oneMinusK[h]!;
      }
    }
    let sum = 0;
    if (kernel) sum = kernel.sqrtsum(m);
    else
      for (let g = 0; g < m; g++) {
        const rowG = g * m;
        for (let h = g + 1; h < m; h++) {
          const product = x[rowG + h]! * x[h * m + g]!;
          if (product > 0) sum += Math.sqrt(product);
        }
      }
    weights[p] = 2 * sum;
    for (let g = 0; g < m; g++) local[clusters[g]!] = -1;
  }
  return weights;
}
