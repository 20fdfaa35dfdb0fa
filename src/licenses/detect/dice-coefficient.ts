/**
 * Sørensen–Dice similarity of two sets, 2·|A∩B| / (|A|+|B|), between 0 and 1 (two empty sets: 0).
 *
 * @example
 * diceCoefficient(new Set(["a", "b"]), new Set(["b", "c"])) // 0.5
 */
export function diceCoefficient(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const word of small) if (large.has(word)) common++;
  return (2 * common) / (a.size + b.size);
}
