import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aggregateContributions, type Contribution } from "../../src/funding/index.js";

describe("aggregateContributions keeps amounts exact (float64 while safe, bigint beyond)", () => {
  it("sums each pair and each project exactly, across the switch to bigint", () => {
    const amount = fc.oneof(
      fc.bigInt({ min: 1n, max: 1000n }),
      fc.bigInt({ min: 1n, max: 2n ** 53n }),
      fc.bigInt({ min: 2n ** 52n, max: 10n ** 30n }),
    );
    const row = fc.record({ i: fc.integer({ min: 0, max: 6 }), p: fc.integer({ min: 0, max: 3 }), amount, weighted: fc.boolean() });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), (rows) => {
        const contributions = rows.map(
          (r): Contribution => ({
            contributor: `c${r.i}`,
            project: `p${r.p}`,
            amount: r.amount,
            weight: r.weighted ? { num: 3n, den: 7n } : undefined,
          }),
        );
        const round = aggregateContributions(contributions);
        const units = new Map<string, bigint>();
        const raw = new Map<string, bigint>();
        const projectTotal = new Map<string, bigint>();
        for (const c of contributions) {
          const key = `${c.project}/${c.contributor}`;
          units.set(key, (units.get(key) ?? 0n) + (c.weight ? (c.amount * 3n) / 7n : c.amount));
          raw.set(key, (raw.get(key) ?? 0n) + c.amount);
          projectTotal.set(c.project, (projectTotal.get(c.project) ?? 0n) + c.amount);
        }
        round.projects.forEach((project, p) => {
          expect(round.projectContributions[p]).toBe(projectTotal.get(project));
          for (let e = round.projectStart[p]!; e < round.projectStart[p + 1]!; e++) {
            const key = `${project}/${round.contributors[round.entryContributor[e]!]}`;
            expect(round.entryUnits[e]).toBe(units.get(key));
            expect(round.entryRaw[e]).toBe(raw.get(key));
            expect(round.entryAmount[e]).toBe(Number(units.get(key)));
          }
        });
      }),
      { numRuns: 1_000 },
    );
  });
});
