import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aggregateContributions, pairwiseWeights, type Contribution } from "../../src/funding/index.js";
import { referencePairwise } from "./reference.js";

const bits = (weights: Float64Array) => Array.from(weights, (w) => (Object.is(w, -0) ? "-0" : w.toString(16)));

describe("pairwiseWeights: the WebAssembly kernel and the JavaScript loops", () => {
  // amounts from 0 base units up (a weight of 0 floors an amount to 0: pair totals that stay 0,
  // contributors listed twice in a turn), several rows per pair, thresholds from tiny to huge
  const row = fc.record({
    i: fc.integer({ min: 0, max: 40 }),
    p: fc.integer({ min: 0, max: 9 }),
    amount: fc.oneof(fc.integer({ min: 1, max: 1_000 }), fc.integer({ min: 1, max: 10 ** 9 })),
    zero: fc.boolean(),
  });
  const roundOf = (rows: { i: number; p: number; amount: number; zero: boolean }[]) =>
    aggregateContributions(
      rows.map(
        (r): Contribution => ({
          contributor: `c${r.i}`,
          project: `p${r.p}`,
          amount: BigInt(r.amount),
          weight: r.zero ? { num: 0n, den: 1n } : undefined,
        }),
      ),
    );

  it("give bit-identical weights", () => {
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 200 }),
        fc.constantFrom(1e-3, 1, 25e6, 1e18),
        (rows, threshold) => {
          const round = roundOf(rows);
          expect(bits(pairwiseWeights(round, threshold))).toEqual(bits(pairwiseWeights(round, threshold, { webAssembly: false })));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("agree with the naive evaluation of the formula", () => {
    fc.assert(
      fc.property(fc.array(row.map((r) => ({ ...r, zero: false })), { minLength: 1, maxLength: 120 }), (rows) => {
        const round = roundOf(rows);
        const reference = referencePairwise(
          rows.map((r) => ({ contributor: `c${r.i}`, project: `p${r.p}`, amount: r.amount })),
          25e6,
        );
        const ours = pairwiseWeights(round, 25e6);
        round.projects.forEach((p, k) => {
          const expected = reference.get(p)!;
          expect(Math.abs(ours[k]! - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
        });
      }),
      { numRuns: 200 },
    );
  });
});
