/**
 * Float64 weights → non-negative `bigint` weights: each weight × 2^k, rounded to an integer, with
 * the one power of two k that puts the largest weight in [2^52, 2^53). Scaling by a power of two is
 * exact in floating point, so the integers keep every bit of the larger weights (ratios such as
 * 1 : 3 stay exact) and only bits below 2^-k of the smallest are rounded off. This is the one step
 * where the float maths of QF meets the money: every later step is integer arithmetic.
 * Non-finite or negative weights are refused.
 *
 * @example
 * quantizeWeights([2, 1, 0]) // [4503599627370496n, 2251799813685248n, 0n]
 */
export function quantizeWeights(weights: ArrayLike<number>): bigint[] {
  let max = 0;
  for (let p = 0; p < weights.length; p++) {
    const w = weights[p]!;
    if (!Number.isFinite(w) || w < 0) throw new RangeError(`quantizeWeights: weight ${p} is ${w}`);
    if (w > max) max = w;
  }
  const out: bigint[] = new Array(weights.length);
  if (max === 0) return out.fill(0n);
  let k = 52 - Math.floor(Math.log2(max));
  while (max * 2 ** k >= 2 ** 53) k--; // log2 of a float may be off by one at a power of two
  while (max * 2 ** k < 2 ** 52) k++;
  const scale = 2 ** k;
  for (let p = 0; p < weights.length; p++) out[p] = BigInt(Math.round(weights[p]! * scale));
  return out;
}

export type DistributeParameters = {
  /** Base units to distribute. */
  amount: bigint;
  /** Non-negative integer weights, one per project. */
  weights: readonly bigint[];
  /** Most base units one project may receive (absent: no cap). */
  cap?: bigint | undefined;
};

export type DistributeReturnType = {
  /** Per project, summing to `distributed`. */
  parts: bigint[];
  /** True where the cap held the project. */
  capped: boolean[];
  distributed: bigint;
  /** Rounds of redistribution until no project was over the cap. */
  iterations: number;
};

/**
 * Splits `amount` in proportion to `weights`, exactly. With a cap, every project whose share is
 * over it is fixed at the cap and what remains is shared again among the others, until no project
 * is over (the fixed point of Gitcoin's iterative redistribution, computed in integers); if every
 * project with weight is capped, the rest stays undistributed. The last step is a largest-remainder
 * rounding: each part is floor(exact share) and the units left over go to the largest fractional
 * parts (ties: the earlier project), so the parts sum to exactly the amount distributed, each
 * within one unit of its exact share, and a zero weight gets exactly zero.
 *
 * @example
 * distributeByWeights({ amount: 100n, weights: [1n, 1n, 1n] }).parts // [34n, 33n, 33n]
 */
export function distributeByWeights(parameters: DistributeParameters): DistributeReturnType {
  const { amount, weights, cap } = parameters;
  if (amount < 0n) throw new RangeError("distributeByWeights: negative amount");
  if (cap !== undefined && cap < 0n) throw new RangeError("distributeByWeights: negative cap");
  const n = weights.length;
  const parts: bigint[] = new Array(n).fill(0n);
  const capped: boolean[] = new Array(n).fill(false);
  let active: number[] = [];
  for (let p = 0; p < n; p++) {
    if (weights[p]! < 0n) throw new RangeError(`distributeByWeights: weight ${p} is negative`);
    if (weights[p]! > 0n) active.push(p);
  }
  let remaining = amount;
  let iterations = 0;
  if (cap !== undefined) {
    for (;;) {
      let total = 0n;
      for (const p of active) total += weights[p]!;
      if (total === 0n) break;
      const over = active.filter((p) => remaining * weights[p]! > cap * total);
      if (over.length === 0) break;
      iterations++;
      for (const p of over) {
        parts[p] = cap;
        capped[p] = true;
        remaining -= cap;
      }
      active = active.filter((p) => !capped[p]);
    }
  }
  let total = 0n;
  for (const p of active) total += weights[p]!;
  let distributed = amount - remaining;
  if (total > 0n && remaining > 0n) {
    const remainders: { p: number; r: bigint }[] = [];
    let assigned = 0n;
    for (const p of active) {
      const exact = remaining * weights[p]!;
      const part = exact / total;
      parts[p] = part;
      assigned += part;
      remainders.push({ p, r: exact - part * total });
    }
    let left = remaining - assigned;
    remainders.sort((x, y) => (x.r > y.r ? -1 : x.r < y.r ? 1 : x.p - y.p));
    for (let k = 0; left > 0n; k++, left--) parts[remainders[k]!.p]! += 1n;
    distributed = amount;
  }
  return { parts, capped, distributed, iterations };
}
