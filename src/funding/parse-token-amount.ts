import { InvalidInputError } from "../errors.js";
import { fraction, toExactString } from "../money/index.js";

/** What to do with an amount that has more fraction digits than the token's decimals. */
export type AmountRounding = "exact" | "half-up";

export type ParseTokenAmountParameters = {
  /** The token's decimals: `"1.5"` with 6 decimals is `1500000n`. */
  decimals: number;
  /** `exact` (default) refuses digits below the token's resolution; `half-up` rounds them. */
  rounding?: AmountRounding;
  /** Where the value came from, for the error. */
  location?: string;
};

const POW10: bigint[] = [];
const pow10 = (k: number): bigint => (POW10[k] ??= 10n ** BigInt(k));

const AMOUNT = /^(\d{1,40})(?:\.(\d{0,80}))?(?:[eE]([+-]?\d{1,3}))?$/;

/**
 * Parses a decimal amount of a token into base units, exactly. Scientific notation as exports
 * write it (`"9.5e-05"`) is a decimal too and is accepted; a JSON number is refused, since a
 * float may already have rounded it. Negative amounts are refused.
 *
 * @example
 * parseTokenAmount("12.5", { decimals: 6 }) // 12500000n
 * parseTokenAmount("9.5e-05", { decimals: 18 }) // 95000000000000n
 */
export function parseTokenAmount(value: unknown, parameters: ParseTokenAmountParameters): bigint {
  const { decimals, rounding = "exact", location } = parameters;
  if (typeof value === "number")
    throw new InvalidInputError(`expected a decimal string, got the number ${value}`, {
      location,
      details: 'Amounts are written as strings ("12.50") so that no float can round them.',
      docsPath: "/docs/funding.md#amounts",
    });
  if (typeof value !== "string")
    throw new InvalidInputError(`expected a decimal amount, got ${value === null ? "null" : typeof value}`, {
      location,
    });
  const fast = plainDecimalUnits(value, decimals, rounding === "half-up");
  if (fast !== undefined) return fast;
  return parseTokenAmountExactly(value, decimals, rounding, location);
}

/**
 * The general path of `parseTokenAmount` (a string already known): regular expression, digits as
 * one `BigInt`. Exported for the property test that holds the fast path to it.
 */
export function parseTokenAmountExactly(
  value: string,
  decimals: number,
  rounding: AmountRounding,
  location: string | undefined,
): bigint {
  const m = AMOUNT.exec(value.trim());
  if (!m && value.trim().startsWith("-") && AMOUNT.test(value.trim().slice(1)))
    throw new InvalidInputError(`"${value}" is a negative amount (a refund or reversal?); leave such rows out with --skip-negative (API: skipNegative: true)`, {
      location,
      docsPath: "/docs/funding.md#amounts",
    });
  if (!m) throw new InvalidInputError(`"${value}" is not a non-negative decimal amount`, { location });
  const whole = m[1]!;
  const frac = m[2] ?? "";
  const exponent = m[3] === undefined ? 0 : Number(m[3]);
  // value = digits × 10^(exponent − frac.length); base units = value × 10^decimals
  const digits = BigInt(whole + frac);
  const shift = exponent - frac.length + decimals;
  if (shift >= 0) return digits * pow10(shift);
  const divisor = pow10(-shift);
  const units = digits / divisor;
  const rest = digits - units * divisor;
  if (rest === 0n) return units;
  if (rounding === "exact")
    throw new InvalidInputError(`"${value}" has more fraction digits than the token's ${decimals} decimals; round such amounts half up with --round-amounts (API: rounding: "half-up")`, {
      location,
      details: "Pass a rounding (CLI: --round-amounts) to round such amounts half up to the token's resolution.",
      docsPath: "/docs/funding.md#amounts",
    });
  return rest * 2n >= divisor ? units + 1n : units;
}

/**
 * The fast path of `parseTokenAmount`, for the common case: plain digits with an optional
 * fraction (`"4.957804131189699"`; no spaces, sign or exponent) whose digits that survive at the
 * token's resolution number at most 15 (below 10^15 < 2^53, so a float64 holds them exactly and
 * every step below is an exact integer operation). The digits below the resolution are not
 * accumulated: half-up rounding looks only at the first of them (the rest is ≥ half exactly when
 * that digit is ≥ 5), and exact mode accepts them only when all are 0. Returns undefined for
 * anything else (the general path then decides, errors included); equal to the general path
 * wherever it answers (property-tested).
 */
export function plainDecimalUnits(value: string, decimals: number, halfUp: boolean): bigint | undefined {
  const n = value.length;
  let kept = 0; // the digits at or above the resolution, as an integer
  let significant = 0; // its digits after leading zeros
  let i = 0;
  for (; i < n; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    kept = kept * 10 + d;
    if (kept !== 0) significant++;
  }
  const wholeDigits = i;
  if (wholeDigits === 0 || wholeDigits > 40) return undefined;
  let scale = decimals; // powers of ten still to apply to `kept`
  if (i < n) {
    if (value.charCodeAt(i) !== 46 /* . */ || n - i - 1 > 80) return undefined;
    i++;
    for (; i < n && scale > 0; i++, scale--) {
      const d = value.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return undefined;
      kept = kept * 10 + d;
      if (kept !== 0) significant++;
    }
    if (i < n) {
      // below the resolution
      const first = value.charCodeAt(i) - 48;
      let nonzero = false;
      for (let k = i; k < n; k++) {
        const d = value.charCodeAt(k) - 48;
        if (d < 0 || d > 9) return undefined;
        if (d !== 0) nonzero = true;
      }
      if (nonzero) {
        if (!halfUp) return undefined; // the general path says why it is refused
        if (first >= 5) {
          kept += 1;
          if (significant === 0 || kept === 10 ** significant) significant++;
        }
      }
    }
  }
  if (significant > 15) return undefined;
  return scale === 0 ? BigInt(kept) : BigInt(kept) * pow10(scale);
}

/** `1234500n` with 6 decimals → `"1.2345"`: base units as the shortest exact decimal text. */
export function formatTokenAmount(units: bigint, decimals: number): string {
  return toExactString(fraction(units, pow10(decimals)));
}
