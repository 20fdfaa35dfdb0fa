import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.js";
import { parseTokenAmount } from "../../src/funding/index.js";
import { parseTokenAmountExactly, plainDecimalUnits } from "../../src/funding/parse-token-amount.js";

/** The general path's answer: base units, or "error". */
const general = (value: string, decimals: number, halfUp: boolean): bigint | "error" => {
  try {
    return parseTokenAmountExactly(value, decimals, halfUp ? "half-up" : "exact", undefined);
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    return "error";
  }
};

const digits = (min: number, max: number) =>
  fc.array(fc.constantFrom(..."0123456789"), { minLength: min, maxLength: max }).map((d) => d.join(""));
// plain decimals, biased towards the fast path's edges: leading zeros, 15–17 significant digits,
// runs of 9s (rounding carries) and 5s/0s below the resolution
const plainDecimal = fc
  .tuple(
    fc.oneof(digits(1, 18), fc.constantFrom("0", "00", "9", "99999999999999", "999999999999999")),
    fc.option(fc.oneof(digits(0, 30), fc.constantFrom("5", "50", "49", "4999999", "9999995", "0000005")), {
      nil: undefined,
    }),
  )
  .map(([whole, frac]) => (frac === undefined ? whole : `${whole}.${frac}`));

describe("parseTokenAmount's fast path", () => {
  it("equals the general path wherever it answers, and answers for plain decimals of ≤ 15 kept digits", () => {
    fc.assert(
      fc.property(plainDecimal, fc.integer({ min: 0, max: 36 }), fc.boolean(), (value, decimals, halfUp) => {
        const fast = plainDecimalUnits(value, decimals, halfUp);
        const exact = general(value, decimals, halfUp);
        if (fast !== undefined) expect(fast).toBe(exact);
        else if (exact !== "error") expect(exact.toString().replace(/^0+/, "").length).toBeGreaterThan(14);
        const rounding = halfUp ? ("half-up" as const) : ("exact" as const);
        if (exact === "error") expect(() => parseTokenAmount(value, { decimals, rounding })).toThrowError(/fraction digits/);
        else expect(parseTokenAmount(value, { decimals, rounding })).toBe(exact);
      }),
      { numRuns: 20_000 },
    );
  });

  it("leaves everything else to the general path, with the same answer", () => {
    const text = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.tuple(plainDecimal, fc.constantFrom("e5", "E-3", " ", "-", "x", ".5", "e+0")).map(([a, b]) => a + b),
      fc.tuple(fc.constantFrom(" ", "-", ".", "+"), plainDecimal).map(([a, b]) => a + b),
    );
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 18 }), fc.boolean(), (value, decimals, halfUp) => {
        const exact = general(value, decimals, halfUp);
        const rounding = halfUp ? ("half-up" as const) : ("exact" as const);
        if (exact === "error") expect(() => parseTokenAmount(value, { decimals, rounding })).toThrowError(InvalidInputError);
        else expect(parseTokenAmount(value, { decimals, rounding })).toBe(exact);
      }),
      { numRuns: 10_000 },
    );
  });

  it("handles the edges exactly", () => {
    expect(plainDecimalUnits("999999999999999", 0, false)).toBe(999_999_999_999_999n);
    expect(plainDecimalUnits("9999999999999999", 0, false)).toBeUndefined(); // 16 digits
    expect(plainDecimalUnits("99999999999999.95", 0, true)).toBe(100_000_000_000_000n); // carry to 15 digits
    expect(plainDecimalUnits("999999999999999.5", 0, true)).toBeUndefined(); // carry to 16 digits
    expect(plainDecimalUnits("4.957804131189699", 6, true)).toBe(4_957_804n);
    expect(plainDecimalUnits("4.9578045", 6, true)).toBe(4_957_805n);
    expect(plainDecimalUnits("4.9578045", 6, false)).toBeUndefined();
    expect(plainDecimalUnits("4.9578040000", 6, false)).toBe(4_957_804n);
    expect(plainDecimalUnits("0.000000", 6, false)).toBe(0n);
    expect(plainDecimalUnits("12.", 18, false)).toBe(12n * 10n ** 18n);
    expect(plainDecimalUnits("1e3", 0, false)).toBeUndefined();
  });
});
