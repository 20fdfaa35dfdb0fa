import { InvalidInputError } from "../errors.js";
import { fraction, type Fraction } from "./fraction.js";

/** Rates and shares are held in parts per million (1 ppm resolution, as 0xSplits and Drips). */
export const PPM = 1_000_000n;

const PERCENT = /^(\d{1,3})(?:\.(\d{1,4}))?%$/;

/**
 * Parses a percentage string with at most 4 decimals (`"70%"`, `"2.5%"`, `"0.0001%"`) into ppm.
 *
 * @example
 * parsePercent("2.5%") // 25000n
 */
export function parsePercent(value: unknown, location?: string): bigint {
  if (typeof value === "number")
    throw new InvalidInputError(`expected a percentage string such as "5%", got the number ${value}`, {
      location,
      docsPath: "/docs/terms.md#money-is-text",
    });
  if (typeof value !== "string") throw new InvalidInputError(`expected a percentage string such as "5%"`, { location });
  const m = PERCENT.exec(value.trim());
  if (!m)
    throw new InvalidInputError(`"${value}" is not a percentage with at most 4 decimals (e.g. "2.5%")`, { location });
  const ppm = BigInt(m[1]!) * 10_000n + BigInt((m[2] ?? "").padEnd(4, "0"));
  if (ppm > PPM) throw new InvalidInputError(`"${value}" is more than 100%`, { location });
  return ppm;
}

/** `25000n` → `"2.5%"`. */
export function formatPercent(ppm: bigint): string {
  const whole = ppm / 10_000n;
  const frac = (ppm % 10_000n).toString().padStart(4, "0").replace(/0+$/, "");
  return `${whole}${frac ? `.${frac}` : ""}%`;
}

/** A ppm value as an exact fraction of one. */
export const ppmToFraction = (ppm: bigint): Fraction => fraction(ppm, PPM);
