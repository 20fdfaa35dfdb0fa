import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeStatement, fraction, parsePercent, parseRevenueCsv, PPM, type OmrlTerms, type StatementModelInput } from "../../src/index.js";
import { address, LICENSEE, makeTerms } from "./fixtures.js";

// Money as text: up to 12 integer digits and 0–4 fraction digits.
const money = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 4 }))
  .map(([units, digits]) => {
    const s = units.toString().padStart(digits + 1, "0");
    return digits === 0 ? s : `${s.slice(0, -digits)}.${s.slice(-digits)}`;
  });
const percent = fc.integer({ min: 0, max: 1_000_000 }).map((ppm) => `${Math.floor(ppm / 10_000)}${ppm % 10_000 ? `.${String(ppm % 10_000).padStart(4, "0").replace(/0+$/, "")}` : ""}%`);
const payees = fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 6 }).map((raw) => {
  const total = raw.reduce((a, b) => a + b, 0) || 1;
  const ppm = raw.map((r) => (BigInt(r) * PPM) / BigInt(total));
  ppm[ppm.length - 1]! += PPM - ppm.reduce((a, b) => a + b, 0n);
  return ppm.map((p, i) => ({ account: address(100 + i), share: `${p / 10_000n}${p % 10_000n ? `.${String(p % 10_000n).padStart(4, "0").replace(/0+$/, "")}` : ""}%` }));
});
const termsArb = fc
  .record({
    rate: percent,
    basis: fc.constantFrom("gross" as const, "net" as const),
    decimals: fc.integer({ min: 0, max: 18 }),
    payees,
    tiers: fc.option(fc.tuple(money, percent, percent), { nil: undefined }),
    cap: fc.option(money, { nil: undefined }),
    stacking: fc.constantFrom("absolute" as const, "relative" as const),
  })
  .map((r): OmrlTerms => {
    const terms = makeTerms("m", {
      rate: r.rate,
      basis: r.basis,
      period: "month",
      ...(r.tiers ? { tiers: [{ upTo: r.tiers[0], rate: r.tiers[1] }, { rate: r.tiers[2] }] } : {}),
      ...(r.cap ? { cap: r.cap } : {}),
    });
    terms.payment.token.decimals = r.decimals;
    terms.payment.payees = r.payees as OmrlTerms["payment"]["payees"];
    terms.derivatives.stacking = r.stacking;
    return terms;
  });
const rateArb = fc.tuple(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 0, max: 6 })).map(([n, d]) => {
  const s = String(n).padStart(d + 1, "0");
  return d === 0 ? s : `${s.slice(0, -d)}.${s.slice(-d)}`;
});

const statementFor = (leaf: OmrlTerms, ancestor: OmrlTerms, gross: string, refunds: string, rate: string) =>
  computeStatement({
    licensee: LICENSEE,
    models: [{ id: "leaf", terms: leaf, ancestors: [{ id: "base", terms: ancestor }] } satisfies StatementModelInput],
    revenue: parseRevenueCsv(`period,currency,gross,refunds\n2026-07,USD,${gross},${refunds}\n`),
    rates: { "USD/USDC": rate },
  });

describe("statement properties", () => {
  it("conserves every amount across payees, never negative, each payee within 1 base unit of its exact share", () => {
    fc.assert(
      fc.property(termsArb, termsArb, money, money, rateArb, (leaf, ancestor, gross, refunds, rate) => {
        const s = statementFor(leaf, ancestor, gross, refunds, rate);
        expect(s.obligations).toHaveLength(2);
        for (const o of s.obligations) {
          const amount = BigInt(o.amount);
          expect(amount >= 0n).toBe(true);
          expect(o.owed.startsWith("-")).toBe(false);
          expect(o.payees.reduce((sum, p) => sum + BigInt(p.amount), 0n)).toBe(amount);
          for (const p of o.payees) {
            expect(BigInt(p.amount) >= 0n).toBe(true);
            // |payee amount − amount × share| < 1 base unit
            const exact = fraction(amount * parsePercent(p.share), PPM);
            const diff = BigInt(p.amount) * exact.den - exact.num;
            expect(diff < exact.den && -diff < exact.den).toBe(true);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it("is monotone in revenue: more gross never owes less", () => {
    fc.assert(
      fc.property(termsArb, termsArb, money, money, money, rateArb, (leaf, ancestor, gross, extra, refunds, rate) => {
        const more = addDecimals(gross, extra);
        const a = statementFor(leaf, ancestor, gross, refunds, rate);
        const b = statementFor(leaf, ancestor, more, refunds, rate);
        a.obligations.forEach((o, i) => expect(BigInt(b.obligations[i]!.amount) >= BigInt(o.amount)).toBe(true));
      }),
      { numRuns: 150 },
    );
  });

  it("rounds once: the amount is within half a base unit of the exact owed × rate", () => {
    fc.assert(
      fc.property(termsArb, money, rateArb, (terms, gross, rate) => {
        const s = computeStatement({ licensee: LICENSEE, models: [{ id: "m", terms }], revenue: parseRevenueCsv(`period,currency,gross\n2026-07,USD,${gross}\n`), rates: { "USD/USDC": rate } });
        const o = s.obligations[0]!;
        const exact = fraction(toUnits(o.owed) * toUnits(rate) * 10n ** BigInt(terms.payment.token.decimals), 10n ** 36n);
        const twice = 2n * BigInt(o.amount) * exact.den - 2n * exact.num; // 2 × (amount − exact), scaled
        expect(twice <= exact.den && twice > -exact.den).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it("threshold boundaries are exact: at the threshold exempt, one smallest unit above not", () => {
    fc.assert(
      fc.property(money, fc.integer({ min: 0, max: 1_000_000 }), (threshold, mau) => {
        const terms = makeTerms("m", { period: "month", thresholds: { annualRevenue: threshold, monthlyActiveUsers: mau } });
        const run = (gross: string, users: number) =>
          computeStatement({
            licensee: LICENSEE,
            models: [{ id: "m", terms }],
            revenue: parseRevenueCsv(`period,currency,gross,mau\n2026-07,USD,${gross},${users}\n`),
            rates: { "USD/USDC": "1" },
          }).obligations[0]!;
        const above = addDecimals(threshold, "0.000000000001");
        expect(run(threshold, mau + 1).exempt).toBe(true);
        expect(run(above, mau).exempt).toBe(true);
        const owes = run(above, mau + 1);
        expect(owes.exempt).toBe(false);
        expect(owes.basisAmount).toBe(above.replace(/\.?0+$/, "").replace(/^$/, "0"));
      }),
      { numRuns: 100 },
    );
  });
});

/** Decimal text → units scaled by 10^18 (inputs here have at most 18 fraction digits). */
function toUnits(text: string): bigint {
  const [whole, frac = ""] = text.split(".");
  return BigInt(whole! + frac.padEnd(18, "0"));
}
function addDecimals(a: string, b: string): string {
  const sum = toUnits(a) + toUnits(b);
  const s = sum.toString().padStart(19, "0");
  return `${s.slice(0, -18)}.${s.slice(-18)}`.replace(/\.?0+$/, "");
}
