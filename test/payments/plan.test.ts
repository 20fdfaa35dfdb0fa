import fc from "fast-check";
import { decodeFunctionData, erc20Abi, getAddress } from "viem";
import { describe, expect, test } from "vitest";
import {
  InvalidStatementError,
  PayeeSumMismatchError,
  parseStatementForPayment,
  planPayments,
  omrlRouterAbi,
  decodePaymentReference,
  encodePaymentReference,
  paymentLineHash,
} from "../../src/index.js";
import { makeStatement, rehash, TERMS_A, TERMS_B } from "./fixtures.js";

const PAYER = getAddress("0x1111111111111111111111111111111111111111");
const TOKEN = getAddress("0x2222222222222222222222222222222222222222");
const ROUTER = getAddress("0x3333333333333333333333333333333333333333");
const AUTHOR = getAddress("0x4444444444444444444444444444444444444444");
const FUNDERS = getAddress("0x5555555555555555555555555555555555555555");
const LICENSOR = getAddress("0x6666666666666666666666666666666666666666");

const base = () =>
  makeStatement({
    payer: PAYER,
    chainId: 8453,
    token: TOKEN,
    obligations: [
      { id: "acme/tiny-1b:2026-Q3", amount: 5_000_500_000n, payees: [{ account: AUTHOR, sharePpm: 700_000n }, { account: FUNDERS, sharePpm: 300_000n }], router: ROUTER },
      { id: "acme/free:2026-Q3", amount: 0n, payees: [{ account: AUTHOR, sharePpm: 1_000_000n }], exempt: true },
      { id: "acme/base-7b:2026-Q3", amount: 1_000_001n, payees: [{ account: AUTHOR, sharePpm: 333_333n }, { account: FUNDERS, sharePpm: 666_667n }], termsHash: TERMS_B, router: ROUTER },
    ],
  });

describe("planPayments (transfer)", () => {
  test("one ERC-20 transfer per payee, amounts exactly as the statement, exempt lines skipped", () => {
    const statement = base();
    const plan = planPayments(statement, { method: "transfer" });
    expect(plan.statementHash).toBe(statement.statementHash);
    expect(plan.payer).toBe(PAYER);
    expect(plan.skipped).toEqual([{ obligationId: "acme/free:2026-Q3", reason: "exempt" }]);
    expect(plan.batches).toHaveLength(1);
    const [batch] = plan.batches;
    expect(batch!.chainId).toBe(8453);
    expect(batch!.token).toBe(TOKEN);
    const lines = batch!.lines.map((l) => ({ id: l.obligationId, payee: l.payee, amount: l.amount, kind: l.kind, to: l.to, value: l.value }));
    expect(lines).toEqual([
      { id: "acme/tiny-1b:2026-Q3", payee: AUTHOR, amount: 3_500_350_000n, kind: "transfer", to: TOKEN, value: 0n },
      { id: "acme/tiny-1b:2026-Q3", payee: FUNDERS, amount: 1_500_150_000n, kind: "transfer", to: TOKEN, value: 0n },
      { id: "acme/base-7b:2026-Q3", payee: AUTHOR, amount: 333_333n, kind: "transfer", to: TOKEN, value: 0n },
      { id: "acme/base-7b:2026-Q3", payee: FUNDERS, amount: 666_668n, kind: "transfer", to: TOKEN, value: 0n },
    ]);
    expect(batch!.total).toBe(5_000_500_000n + 1_000_001n);
    for (const line of batch!.lines) {
      const decoded = decodeFunctionData({ abi: erc20Abi, data: line.data });
      expect(decoded.functionName).toBe("transfer");
      expect(decoded.args).toEqual([line.payee, line.amount]);
      expect(line.key).toBe(`${statement.statementHash}:${line.obligationId}:${line.payee.toLowerCase()}`);
    }
  });

  test("the router method: one approve for the total, then pay(termsHash, licensor, statementHash, amount) per obligation", () => {
    const statement = base();
    const plan = planPayments(statement, { method: "router", licensors: { [TERMS_A]: LICENSOR, [TERMS_B]: LICENSOR } });
    const [batch] = plan.batches;
    expect(batch!.router).toBe(ROUTER);
    expect(batch!.lines.map((l) => l.kind)).toEqual(["approve", "router-pay", "router-pay"]);
    const approve = decodeFunctionData({ abi: erc20Abi, data: batch!.lines[0]!.data });
    expect(approve).toEqual({ functionName: "approve", args: [ROUTER, 5_001_500_001n] });
    const pay = decodeFunctionData({ abi: omrlRouterAbi, data: batch!.lines[2]!.data });
    expect(pay).toEqual({ functionName: "pay", args: [TERMS_B, LICENSOR, statement.statementHash, 1_000_001n] });
    // The reference names the statement and the line `obligationId:router`.
    expect(decodePaymentReference(batch!.lines[2]!.data)).toEqual({
      statementHash: statement.statementHash,
      lineHash: paymentLineHash("acme/base-7b:2026-Q3", ROUTER),
    });
    expect(batch!.lines[2]!.registration).toEqual({
      termsHash: TERMS_B,
      licensor: LICENSOR,
      token: TOKEN,
      payees: [{ account: AUTHOR, sharePpm: 333_333n }, { account: FUNDERS, sharePpm: 666_667n }],
    });
    expect(batch!.lines[1]!.to).toBe(ROUTER);
    expect(batch!.lines[0]!.to).toBe(TOKEN);
  });

  test("the router method refuses an obligation without a router, naming it", () => {
    const statement = makeStatement({
      payer: PAYER, chainId: 8453, token: TOKEN,
      obligations: [{ id: "m:2026-Q3", amount: 10n, payees: [{ account: AUTHOR, sharePpm: 1_000_000n }] }],
    });
    expect(() => planPayments(statement, { method: "router" })).toThrow(/obligation "m:2026-Q3": has no router/);
  });

  test("the router method needs the licensor the signed terms name", () => {
    expect(() => planPayments(base(), { method: "router", licensors: { [TERMS_B]: LICENSOR } })).toThrow(
      /obligation "acme\/tiny-1b:2026-Q3": router payments need the licensor the signed terms 0xa1a1.* name/,
    );
  });

  test("every transfer carries the reference suffix; reference: false leaves the plain calldata", () => {
    const statement = base();
    const referenced = planPayments(statement).batches[0]!.lines;
    const plain = planPayments(statement, { reference: false }).batches[0]!.lines;
    referenced.forEach((line, i) => {
      expect(line.data).toBe(`${plain[i]!.data}${encodePaymentReference(line.reference!).slice(2)}`);
      expect(line.reference).toEqual({ statementHash: statement.statementHash, lineHash: paymentLineHash(line.obligationId!, line.payee) });
      expect(plain[i]!.reference).toBeNull();
      expect(plain[i]!.data).toHaveLength(2 + 2 * 68);
    });
  });

  test("zero obligations and zero payee parts are skipped", () => {
    const statement = makeStatement({
      payer: PAYER, chainId: 8453, token: TOKEN,
      obligations: [
        { id: "zero:2026-Q3", amount: 0n, payees: [{ account: AUTHOR, sharePpm: 1_000_000n }] },
        { id: "tiny:2026-Q3", amount: 1n, payees: [{ account: AUTHOR, sharePpm: 500_000n }, { account: FUNDERS, sharePpm: 500_000n }] },
      ],
    });
    const plan = planPayments(statement);
    expect(plan.skipped).toEqual([{ obligationId: "zero:2026-Q3", reason: "zero" }]);
    expect(plan.batches[0]!.lines.map((l) => [l.payee, l.amount])).toEqual([[FUNDERS, 1n]]);
  });
});

describe("statement validation", () => {
  test("payees that do not sum to the amount are refused with a typed error naming the obligation", () => {
    const statement = base();
    statement.obligations[2]!.payees[1]!.amount = "666667";
    const error = (() => {
      try {
        planPayments(rehash(statement));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(PayeeSumMismatchError);
    expect((error as PayeeSumMismatchError).obligationId).toBe("acme/base-7b:2026-Q3");
    expect((error as PayeeSumMismatchError).payeesSum).toBe(1_000_000n);
    expect((error as PayeeSumMismatchError).amount).toBe(1_000_001n);
    expect((error as Error).message).toContain("/obligations/2/payees");
  });

  test.each([
    ["a decimal fraction", "5000.5"],
    ["a leading zero", "05"],
    ["a negative", "-5"],
    ["a JSON number", 5000],
    ["more than uint256", (2n ** 256n).toString()],
  ])("an amount that is %s is refused", (_label, amount) => {
    const statement = base() as unknown as { obligations: { amount: unknown }[] };
    statement.obligations[0]!.amount = amount;
    const s = rehash(statement as never);
    expect(() => parseStatementForPayment(s)).toThrow(InvalidStatementError);
    expect(() => parseStatementForPayment(s)).toThrow(/acme\/tiny-1b:2026-Q3/);
  });

  test("a statement edited after hashing is refused (and accepted with verifyHash: false)", () => {
    const statement = base();
    statement.obligations[0]!.payees[0]!.account = FUNDERS;
    expect(() => parseStatementForPayment(statement)).toThrow(/statementHash .* does not match/);
    expect(parseStatementForPayment(statement, { verifyHash: false }).obligations[0]!.payees[0]!.account).toBe(FUNDERS);
  });

  test("a bad payee address and a bad licensee account are located", () => {
    const statement = base();
    statement.obligations[0]!.payees[0]!.account = "0x1234";
    expect(() => parseStatementForPayment(rehash(statement))).toThrow(/\/obligations\/0\/payees\/0\/account/);
    const other = base();
    other.licensee.account = "0x1111111111111111111111111111111111111111";
    expect(() => parseStatementForPayment(rehash(other))).toThrow(/licensee.account must be a CAIP-10 account/);
  });
});

describe("planPayments properties", () => {
  test("for any split, the transfer lines conserve each obligation's amount and encode exactly their (payee, amount)", () => {
    const addresses = Array.from({ length: 6 }, (_, i) => getAddress(`0x${(i + 10).toString(16).padStart(40, "0")}`));
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 2n ** 128n }),
        fc.array(fc.integer({ min: 1, max: 1_000 }), { minLength: 1, maxLength: 6 }),
        (amount, weights) => {
          const sum = weights.reduce((a, b) => a + b, 0);
          const shares = weights.map((w) => (BigInt(w) * 1_000_000n) / BigInt(sum));
          shares[0] = shares[0]! + 1_000_000n - shares.reduce((a, b) => a + b, 0n);
          if (shares.some((s) => s === 0n)) return;
          const statement = makeStatement({
            payer: PAYER, chainId: 1, token: TOKEN,
            obligations: [{ id: "p:2026-Q3", amount, payees: shares.map((sharePpm, k) => ({ account: addresses[k]!, sharePpm })) }],
          });
          const plan = planPayments(statement);
          const lines = plan.batches.flatMap((b) => b.lines);
          expect(lines.reduce((a, l) => a + l.amount, 0n)).toBe(amount);
          for (const line of lines) {
            expect(line.amount > 0n).toBe(true);
            expect(decodeFunctionData({ abi: erc20Abi, data: line.data }).args).toEqual([line.payee, line.amount]);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
