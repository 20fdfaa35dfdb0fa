/**
 * A non-negative safe integer with commas between groups of three digits — what
 * `n.toLocaleString("en-US")` gives for one, without loading ICU's number formatter (~15 ms of a
 * CLI run on first use, issue #14). Anything else is formatted by `toLocaleString("en-US")`.
 *
 * @example
 * groupThousands(700_000_000) // "700,000,000"
 */
export function groupThousands(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) return n.toLocaleString("en-US");
  return String(n).replace(/\B(?=(\d{3})+$)/g, ",");
}
