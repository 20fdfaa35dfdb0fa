import { keccak256, stringToHex, type Address, type Hex } from "viem";

/**
 * The magic that starts an OMRL payment reference: ASCII `OMR` and format version `0x01`.
 * A reference is 68 bytes appended to a call's ABI-encoded calldata:
 * `0x4f4d5201 ‖ statementHash (32 bytes) ‖ keccak256(utf8(obligationId ":" lowercase payee)) (32 bytes)`.
 * Solidity's ABI decoder ignores calldata past the arguments, so standard ERC-20 tokens (and the
 * OMRL router) execute the call unchanged; the reference stays in the transaction input for ever.
 */
export const PAYMENT_REFERENCE_MAGIC = "0x4f4d5201" as const;
/** Length in bytes of a reference suffix (magic + statement hash + line hash). */
export const PAYMENT_REFERENCE_BYTES = 68;

/** What a reference says: the statement and the line (`obligationId:payee`) a call pays. */
export type PaymentReference = { statementHash: Hex; lineHash: Hex };

/**
 * The hash that names a line in a reference: keccak256 of the UTF-8 text `obligationId:payee`,
 * the payee as lower-case 0x hex (for a router line, the payee is the router).
 *
 * @example
 * paymentLineHash("acme/tiny-1b:2026-Q3", "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC") // "0x…"
 */
export function paymentLineHash(obligationId: string, payee: Address): Hex {
  return keccak256(stringToHex(`${obligationId}:${payee.toLowerCase()}`));
}

/**
 * The 68-byte reference suffix for a line, as 0x hex.
 *
 * @example
 * const data = `${encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args })}${encodePaymentReference(ref).slice(2)}`;
 */
export function encodePaymentReference(reference: PaymentReference): Hex {
  const hash = reference.statementHash.toLowerCase();
  const line = reference.lineHash.toLowerCase();
  if (!/^0x[0-9a-f]{64}$/.test(hash) || !/^0x[0-9a-f]{64}$/.test(line))
    throw new RangeError("a payment reference takes two 32-byte hashes");
  return `${PAYMENT_REFERENCE_MAGIC}${hash.slice(2)}${line.slice(2)}`;
}

/** `data` with the reference appended. */
export function appendPaymentReference(data: Hex, reference: PaymentReference): Hex {
  return `${data}${encodePaymentReference(reference).slice(2)}`;
}

/** The reference at the very end of `data`, or `null` when it carries none. */
export function decodePaymentReference(data: Hex): PaymentReference | null {
  const hex = data.toLowerCase();
  const start = hex.length - PAYMENT_REFERENCE_BYTES * 2;
  if (start < 2 || hex.slice(start, start + 8) !== PAYMENT_REFERENCE_MAGIC.slice(2)) return null;
  return { statementHash: `0x${hex.slice(start + 8, start + 72)}`, lineHash: `0x${hex.slice(start + 72)}` };
}

/** One referenced ERC-20 `transfer(to, amount)` found inside a transaction input. */
export type ReferencedTransfer = PaymentReference & { to: Address; amount: bigint };
/** One referenced call found inside a transaction input: its selector and the 32-byte words before the reference. */
export type ReferencedCall = PaymentReference & { selector: Hex; words: Hex[] };

const TRANSFER_SELECTOR = "a9059cbb";

/**
 * Every referenced call inside a transaction input, wherever it sits: the input itself (a
 * transfer sent from a key), or calldata nested in a Safe `execTransaction`/`multiSend` or an
 * EIP-5792 smart-account batch (ABI-encoded `bytes` keep each call's calldata contiguous). Each
 * hit is the magic and two hashes at a byte boundary; `words` are up to `maxWords` 32-byte words
 * before it and `selector` the 4 bytes before those (callers match what they expect).
 *
 * @example
 * findReferencedCalls(tx.input, 2) // [{ selector: "0xa9059cbb", words: [to, amount], statementHash, lineHash }]
 */
export function findReferencedCalls(input: Hex, maxWords: number): ReferencedCall[] {
  const hex = input.toLowerCase();
  const magic = PAYMENT_REFERENCE_MAGIC.slice(2);
  const out: ReferencedCall[] = [];
  let at = hex.indexOf(magic, 2);
  while (at !== -1) {
    if (at % 2 === 0 && at + PAYMENT_REFERENCE_BYTES * 2 <= hex.length) {
      const argsStart = at - maxWords * 64;
      if (argsStart >= 10) {
        out.push({
          selector: `0x${hex.slice(argsStart - 8, argsStart)}`,
          words: Array.from({ length: maxWords }, (_, k) => `0x${hex.slice(argsStart + k * 64, argsStart + (k + 1) * 64)}` as Hex),
          statementHash: `0x${hex.slice(at + 8, at + 72)}`,
          lineHash: `0x${hex.slice(at + 72, at + 136)}`,
        });
      }
    }
    at = hex.indexOf(magic, at + 1);
  }
  return out;
}

/**
 * The referenced ERC-20 transfers inside a transaction input (see `findReferencedCalls`).
 *
 * @example
 * findReferencedTransfers(tx.input) // [{ to: "0x…", amount: 3500350000n, statementHash, lineHash }]
 */
export function findReferencedTransfers(input: Hex): ReferencedTransfer[] {
  return findReferencedCalls(input, 2)
    .filter((call) => call.selector === `0x${TRANSFER_SELECTOR}` && /^0x0{24}/.test(call.words[0]!))
    .map((call) => ({
      to: `0x${call.words[0]!.slice(26)}` as Address,
      amount: BigInt(call.words[1]!),
      statementHash: call.statementHash,
      lineHash: call.lineHash,
    }));
}
