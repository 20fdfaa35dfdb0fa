import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { allocatePayments, type Candidate, type LineWork } from "../../src/payments/reconcile.js";

const PAYEE = "0x4444444444444444444444444444444444444444" as const;

const line = (expected: bigint, i: number): LineWork => ({
  groups: ["g"],
  lineHash: `0x${i.toString(16).padStart(64, "0")}`,
  matchedBy: [],
  obligationId: `o${i}`,
  payee: PAYEE,
  token: PAYEE,
  symbol: "T",
  decimals: 6,
  dueDate: "2026-10-30",
  expected,
  paid: 0n,
  pending: 0n,
  status: "unpaid",
  overdue: false,
  payments: [],
});

const payment = (amount: bigint, i: number, confirmations = 5n): Candidate => ({
  via: "transfer",
  match: "amount",
  payee: PAYEE,
  transactionHash: `0x${i.toString(16).padStart(64, "0")}`,
  blockNumber: BigInt(i),
  logIndex: 0,
  amount,
  remaining: amount,
  confirmations,
});

const amounts = fc.array(fc.bigInt({ min: 1n, max: 10n ** 12n }), { minLength: 1, maxLength: 6 });

describe("allocating transfers to a payee's lines", () => {
  test("conserves money: every unit paid is credited to exactly one line", () => {
    fc.assert(
      fc.property(amounts, fc.array(fc.bigInt({ min: 1n, max: 10n ** 12n }), { maxLength: 8 }), (expected, paid) => {
        const lines = expected.map(line);
        const payments = paid.map((a, i) => payment(a, i));
        allocatePayments(lines, payments, 1n);
        const credited = lines.reduce((s, l) => s + l.paid + l.pending, 0n);
        expect(credited).toBe(paid.reduce((s, a) => s + a, 0n));
        expect(payments.every((p) => p.remaining === 0n)).toBe(true);
        // Only the last line can be overpaid, and only when the payments exceed the total owed.
        const total = expected.reduce((s, a) => s + a, 0n);
        lines.slice(0, -1).forEach((l) => expect(l.paid <= l.expected).toBe(true));
        if (credited <= total) lines.forEach((l) => expect(l.paid <= l.expected).toBe(true));
        // Each line's credited parts are the sum of its payment parts.
        lines.forEach((l) => expect(l.payments.reduce((s, p) => s + p.amount, 0n)).toBe(l.paid + l.pending));
      }),
      { numRuns: 200 },
    );
  });

  test("exact payments in any order settle each line exactly, each with one whole transfer", () => {
    fc.assert(
      fc.property(amounts.chain((expected) => fc.tuple(fc.constant(expected), fc.shuffledSubarray(expected.map((_, i) => i), { minLength: expected.length }))), ([expected, order]) => {
        const lines = expected.map(line);
        const payments = order.map((k, i) => payment(expected[k]!, i));
        allocatePayments(lines, payments, 1n);
        lines.forEach((l) => {
          expect(l.paid).toBe(l.expected);
          expect(l.payments).toHaveLength(1);
        });
      }),
      { numRuns: 200 },
    );
  });

  test("a transfer short of its confirmations is pending, not paid", () => {
    const lines = [line(10n, 0)];
    allocatePayments(lines, [payment(4n, 0, 12n), payment(6n, 1, 2n)], 12n);
    expect([lines[0]!.paid, lines[0]!.pending]).toEqual([4n, 6n]);
  });
});
