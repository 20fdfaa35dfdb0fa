/**
 * Exact rational numbers over `bigint`. Money and rates are never `number`: amounts that must stay
 * unrounded (a chain of stacked shares, a conversion rate) are carried as fractions and rounded
 * once, where the licence says.
 */
export type Fraction = { readonly num: bigint; readonly den: bigint };

const abs = (x: bigint) => (x < 0n ? -x : x);
function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Builds a fraction in lowest terms with a positive denominator. */
export function fraction(num: bigint, den: bigint = 1n): Fraction {
  if (den === 0n) throw new RangeError("fraction: zero denominator");
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const g = gcd(num, den) || 1n;
  return { num: num / g, den: den / g };
}

export const ZERO: Fraction = { num: 0n, den: 1n };
export const ONE: Fraction = { num: 1n, den: 1n };

export const add = (a: Fraction, b: Fraction) => fraction(a.num * b.den + b.num * a.den, a.den * b.den);
export const sub = (a: Fraction, b: Fraction) => fraction(a.num * b.den - b.num * a.den, a.den * b.den);
export const mul = (a: Fraction, b: Fraction) => fraction(a.num * b.num, a.den * b.den);
export function div(a: Fraction, b: Fraction): Fraction {
  if (b.num === 0n) throw new RangeError("fraction: division by zero");
  return fraction(a.num * b.den, a.den * b.num);
}
/** -1, 0 or 1. */
export const compare = (a: Fraction, b: Fraction): -1 | 0 | 1 => {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
};
export const min = (a: Fraction, b: Fraction) => (compare(a, b) <= 0 ? a : b);
export const max = (a: Fraction, b: Fraction) => (compare(a, b) >= 0 ? a : b);
export const isZero = (a: Fraction) => a.num === 0n;

/** Largest integer ≤ f. */
export function floor(f: Fraction): bigint {
  const q = f.num / f.den;
  return f.num < 0n && q * f.den !== f.num ? q - 1n : q;
}

/** Round half up (towards +∞ on exact halves): floor(f + 1/2). The licence's rounding rule 5. */
export function roundHalfUp(f: Fraction): bigint {
  return floor(add(f, { num: 1n, den: 2n }));
}

/**
 * Decimal text of a fraction with exactly `digits` fraction digits, rounded half up. For display
 * and reports; never parse it back as the exact value unless the fraction is a decimal.
 */
export function toDecimalString(f: Fraction, digits = 2): string {
  const scale = 10n ** BigInt(digits);
  const scaled = roundHalfUp(mul(f, { num: scale, den: 1n }));
  const negative = scaled < 0n;
  const s = abs(scaled).toString().padStart(digits + 1, "0");
  const whole = s.slice(0, s.length - digits);
  const frac = s.slice(s.length - digits);
  return `${negative ? "-" : ""}${whole}${digits > 0 ? `.${frac}` : ""}`;
}

/**
 * Shortest exact decimal text of a fraction whose denominator divides a power of ten
 * (`"1234.5"`); a non-terminating fraction is written `num/den`.
 */
export function toExactString(f: Fraction): string {
  let power = 1n;
  for (let digits = 0; digits <= 80; digits++, power *= 10n) {
    if (power % f.den === 0n) {
      const text = toDecimalString(f, digits);
      return digits === 0 ? text : text.replace(/\.?0+$/, "");
    }
  }
  return `${f.num}/${f.den}`;
}
