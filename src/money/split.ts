import { InvalidInputError } from "../errors.js";
import { PPM } from "./rate.js";

/**
 * Splits `total` base units in proportion to non-negative `weights`, cumulatively in the listed
 * order (the licence's rule 5, as Drips does): part k is
 * floor(total × cumulative weight_k / Σ weights) − what was already assigned. The parts sum exactly
 * to `total`, each is within one unit of its exact share, and nothing is left as dust.
 *
 * @example
 * splitByWeights(10n, [1n, 1n, 1n]) // [3n, 3n, 4n]
 */
export function splitByWeights(total: bigint, weights: readonly bigint[]): bigint[] {
  if (total < 0n) throw new InvalidInputError(`cannot split a negative amount (${total})`);
  let sum = 0n;
  for (const weight of weights) {
    if (weight < 0n) throw new InvalidInputError(`negative weight ${weight}`);
    sum += weight;
  }
  if (sum === 0n) throw new InvalidInputError("cannot split by weights that are all zero");
  let cumulative = 0n;
  let assigned = 0n;
  return weights.map((weight) => {
    cumulative += weight;
    const upTo = (total * cumulative) / sum;
    const part = upTo - assigned;
    assigned = upTo;
    return part;
  });
}

/**
 * Splits `total` base units among payees by ppm shares summing to exactly 1e6 (100%), cumulatively
 * in the listed order: `splitByWeights` with the shares as weights, after checking they make 100%.
 *
 * @example
 * splitCumulative(100n, [333_333n, 333_333n, 333_334n]) // [33n, 33n, 34n]
 */
export function splitCumulative(total: bigint, sharesPpm: readonly bigint[]): bigint[] {
  const sum = sharesPpm.reduce((a, b) => a + b, 0n);
  if (sum !== PPM)
    throw new InvalidInputError(`payee shares sum to ${sum} ppm, not ${PPM} (100%)`, {
      docsPath: "/docs/terms.md#payees",
    });
  if (sharesPpm.some((share) => share < 0n)) throw new InvalidInputError(`negative share in ${sharesPpm.join(", ")} ppm`);
  return splitByWeights(total, sharesPpm);
}
