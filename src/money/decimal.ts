import { InvalidInputError } from "../errors.js";
import { fraction, type Fraction } from "./fraction.js";

export type ParseDecimalOptions = {
  /** Where the value came from, for the error: a JSON pointer, `file:line:column`, a flag. */
  location?: string;
  /** Most fraction digits accepted (default 18). */
  maxFractionDigits?: number;
  /** Refuse values below zero (default true). */
  nonNegative?: boolean;
};

const DECIMAL = /^(-)?(\d{1,30})(?:\.(\d+))?$/;

/**
 * Parses a decimal string such as `"1234.50"` exactly. A JSON number, an exponent, a thousands
 * separator or more than `maxFractionDigits` fraction digits is refused: money is text.
 *
 * @example
 * parseDecimal("19.99") // { num: 1999n, den: 100n }
 */
export function parseDecimal(value: unknown, options: ParseDecimalOptions = {}): Fraction {
  const { location, maxFractionDigits = 18, nonNegative = true } = options;
  if (typeof value === "number")
    throw new InvalidInputError(`expected a decimal string, got the number ${value}`, {
      location,
      details: "Money and rates are written as strings (\"1234.50\") so that no float can round them.",
      docsPath: "/docs/terms.md#money-is-text",
    });
  if (typeof value !== "string")
    throw new InvalidInputError(`expected a decimal string, got ${value === null ? "null" : typeof value}`, { location });
  const m = DECIMAL.exec(value.trim());
  if (!m) throw new InvalidInputError(`"${value}" is not a decimal number`, { location });
  const [, sign, whole, frac = ""] = m;
  if (frac.length > maxFractionDigits)
    throw new InvalidInputError(`"${value}" has more than ${maxFractionDigits} fraction digits`, { location });
  if (sign && nonNegative) throw new InvalidInputError(`"${value}" must not be negative`, { location });
  const units = BigInt(`${whole}${frac}`) * (sign ? -1n : 1n);
  return fraction(units, 10n ** BigInt(frac.length));
}

/** True when `value` is a string `parseDecimal` accepts. */
export function isDecimalString(value: unknown, maxFractionDigits = 18): value is string {
  if (typeof value !== "string") return false;
  const m = DECIMAL.exec(value);
  return !!m && !m[1] && (m[3]?.length ?? 0) <= maxFractionDigits;
}
