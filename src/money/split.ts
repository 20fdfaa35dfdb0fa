import { InvalidInputError } from "../errors.js";
import { PPM } from "./rate.js";

/**
 * Splits `total` base units among payees by ppm shares summing to exactly 1e6, cumulatively in the
 * listed order (the licence's rule 5, as Drips does): payee k gets
 * floor(total × cumulative share_k / 1e6) − what was already assigned. The parts sum exactly to
 * `total`, each is within one unit of its exact share, and nothing is left as dust.
 *
 * @example
 * splitCumulative(100n, [333_333n, 333_333n, 333_334n]) // [33n, 33n, 34n]
 */
export function splitCumulative(total: bigint, sharesPpm: readonly bigint[]): bigint[] {
  if (total < 0n) throw new InvalidInputError(`cannot split a negative amount (${total})`);
  const sum = sharesPpm.reduce((a, b) => a + b, 0n);
  if (sum !== PPM)
    throw new InvalidInputError(`payee shares sum to ${sum} ppm, not ${PPM} (100%)`, {
      docsPath: "/docs/terms.md#payees",
    });
  let cumulative = 0n;
  let assigned = 0n;
  return sharesPpm.map((share) => {
    if (share < 0n) throw new InvalidInputError(`negative share ${share} ppm`);
    cumulative += share;
    const upTo = (total * cumulative) / PPM;
    const part = upTo - assigned;
    assigned = upTo;
    return part;
  });
}
