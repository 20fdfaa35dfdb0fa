import fc from "fast-check";
import { concatHex, encodeFunctionData, erc20Abi, getAddress, keccak256, stringToHex, type Hex } from "viem";
import { describe, expect, test } from "vitest";
import {
  appendPaymentReference,
  decodePaymentReference,
  encodePaymentReference,
  findReferencedTransfers,
  PAYMENT_REFERENCE_BYTES,
  paymentLineHash,
} from "../../src/index.js";

const STATEMENT = `0x${"ab".repeat(32)}` as Hex;
const PAYEE = getAddress("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");

describe("payment reference", () => {
  test("the documented format: 0x4f4d5201 ‖ statement hash ‖ keccak256(obligationId:lowercase payee)", () => {
    const lineHash = paymentLineHash("acme/tiny-1b:2026-Q3", PAYEE);
    expect(lineHash).toBe(keccak256(stringToHex(`acme/tiny-1b:2026-Q3:${PAYEE.toLowerCase()}`)));
    const suffix = encodePaymentReference({ statementHash: STATEMENT, lineHash });
    expect(suffix).toBe(`0x4f4d5201${STATEMENT.slice(2)}${lineHash.slice(2)}`);
    expect((suffix.length - 2) / 2).toBe(PAYMENT_REFERENCE_BYTES);
  });

  test("decodes what it encodes; plain calldata carries none", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.string({ minLength: 1, maxLength: 40 }), fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }), (hash, id, amount) => {
        const statementHash = `0x${Buffer.from(hash).toString("hex")}` as Hex;
        const plain = encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [PAYEE, amount] });
        const reference = { statementHash, lineHash: paymentLineHash(id, PAYEE) };
        const data = appendPaymentReference(plain, reference);
        expect(decodePaymentReference(data)).toEqual(reference);
        expect(decodePaymentReference(plain)).toBeNull();
        expect(findReferencedTransfers(data)).toEqual([{ to: PAYEE.toLowerCase(), amount, ...reference }]);
      }),
      { numRuns: 50 },
    );
  });

  test("finds referenced transfers nested in a batch (Safe multiSend packing), each with its own line", () => {
    const lines = [
      { payee: PAYEE, amount: 3_500_350_000n, id: "a:2026-Q3" },
      { payee: getAddress("0x90F79bf6EB2c4f870365E785982E1f101E93b906"), amount: 1_500_150_000n, id: "a:2026-Q3" },
    ];
    const calls = lines.map((l) =>
      appendPaymentReference(encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [l.payee, l.amount] }), {
        statementHash: STATEMENT,
        lineHash: paymentLineHash(l.id, l.payee),
      }),
    );
    // multiSend packs operation (1 byte), to (20), value (32), length (32), data for each call.
    const packed = concatHex(
      calls.flatMap((data) => [
        "0x00",
        "0x5FbDB2315678afecb367f032d93F642f64180aa3",
        `0x${"0".repeat(64)}`,
        `0x${((data.length - 2) / 2).toString(16).padStart(64, "0")}`,
        data,
      ] as Hex[]),
    );
    const input = concatHex(["0x8d80ff0a", `0x${"0".repeat(62)}20`, packed]);
    expect(findReferencedTransfers(input).map((r) => [r.to, r.amount, r.lineHash])).toEqual(
      lines.map((l) => [l.payee.toLowerCase(), l.amount, paymentLineHash(l.id, l.payee)]),
    );
  });
});
