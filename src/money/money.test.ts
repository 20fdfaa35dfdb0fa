import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../errors.js";
import {
  PPM,
  formatPercent,
  fraction,
  parseDecimal,
  parsePercent,
  roundHalfUp,
  splitByWeights,
  splitCumulative,
  toDecimalString,
  toExactString,
} from "./index.js";

describe("parseDecimal", () => {
  it("parses decimal strings exactly", () => {
    expect(parseDecimal("19.99")).toEqual({ num: 1999n, den: 100n });
    expect(parseDecimal("0.1")).toEqual({ num: 1n, den: 10n });
    expect(parseDecimal("1000000")).toEqual({ num: 1000000n, den: 1n });
  });
  it("refuses a JSON number where money belongs, saying where", () => {
    expect(() => parseDecimal(19.99, { location: "/revenueShare/cap" })).toThrowError(InvalidInputError);
    expect(() => parseDecimal(19.99, { location: "/revenueShare/cap" })).toThrowError(/\/revenueShare\/cap.*number 19.99/);
  });
  it.each(["1e6", "1,000", "", " ", "0x10", "1.2.3", "-5", "NaN", "Infinity"])("refuses %j", (text) => {
    expect(() => parseDecimal(text)).toThrowError(InvalidInputError);
  });
  it("bounds fraction digits", () => {
    expect(() => parseDecimal("0.1234567", { maxFractionDigits: 6 })).toThrowError(/more than 6/);
  });
});

describe("parsePercent", () => {
  it("parses to ppm", () => {
    expect(parsePercent("5%")).toBe(50_000n);
    expect(parsePercent("2.5%")).toBe(25_000n);
    expect(parsePercent("0.0001%")).toBe(1n);
    expect(parsePercent("100%")).toBe(PPM);
  });
  it.each(["101%", "5", "0.00001%", "-1%", "5 %x"])("refuses %j", (text) => {
    expect(() => parsePercent(text)).toThrowError(InvalidInputError);
  });
  it("round-trips through formatPercent", () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: PPM }), (ppm) => parsePercent(formatPercent(ppm)) === ppm));
  });
});

describe("rounding and formatting", () => {
  it("rounds half up", () => {
    expect(roundHalfUp(fraction(5n, 2n))).toBe(3n);
    expect(roundHalfUp(fraction(49n, 20n))).toBe(2n);
    expect(roundHalfUp(fraction(-5n, 2n))).toBe(-2n);
  });
  it("formats", () => {
    expect(toDecimalString(fraction(1n, 3n), 4)).toBe("0.3333");
    expect(toExactString(fraction(12345n, 100n))).toBe("123.45");
    expect(toExactString(fraction(1n, 8n))).toBe("0.125");
    expect(toExactString(fraction(1n, 3n))).toBe("1/3");
  });
});

describe("splitCumulative", () => {
  it("splits exactly", () => {
    expect(splitCumulative(100n, [333_333n, 333_333n, 333_334n])).toEqual([33n, 33n, 34n]);
  });
  it("refuses shares that do not sum to 100%", () => {
    expect(() => splitCumulative(1n, [500_000n, 500_001n])).toThrowError(/1000001 ppm/);
  });
  it("conserves the total and stays within one unit of each exact share", () => {
    const shares = fc
      .array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 20 })
      .map((raw) => {
        const total = raw.reduce((a, b) => a + b, 0) || 1;
        const ppm = raw.map((r) => (BigInt(r) * PPM) / BigInt(total));
        ppm[ppm.length - 1]! += PPM - ppm.reduce((a, b) => a + b, 0n);
        return ppm;
      });
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), shares, (total, ppm) => {
        const parts = splitCumulative(total, ppm);
        expect(parts.reduce((a, b) => a + b, 0n)).toBe(total);
        parts.forEach((part, i) => {
          expect(part >= 0n).toBe(true);
          const exact = fraction(total * ppm[i]!, PPM);
          const diff = fraction(part * exact.den - exact.num, exact.den);
          expect(diff.num < diff.den && -diff.num < diff.den).toBe(true);
        });
      }),
    );
  });
});

describe("splitByWeights", () => {
  it("splits by arbitrary weights, cumulatively, conserving the total", () => {
    expect(splitByWeights(10n, [1n, 1n, 1n])).toEqual([3n, 3n, 4n]);
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 24n }), fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: 1, maxLength: 30 }), (total, weights) => {
        fc.pre(weights.some((w) => w > 0n));
        const parts = splitByWeights(total, weights);
        return parts.reduce((a, b) => a + b, 0n) === total && parts.every((p) => p >= 0n);
      }),
    );
  });
  it("refuses all-zero and negative weights", () => {
    expect(() => splitByWeights(5n, [0n, 0n])).toThrowError(/all zero/);
    expect(() => splitByWeights(5n, [2n, -1n])).toThrowError(/negative weight/);
  });
});
