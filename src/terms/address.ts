import { keccak_256 } from "@noble/hashes/sha3";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils";
import type { Address } from "viem";
import { InvalidInputError } from "../errors.js";

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/**
 * Whether `value` is a 20-byte hex address in any letter case (checksum not checked). Built on
 * `@noble/hashes` so that the terms module verifies without loading viem.
 *
 * @example
 * isAddress("0xd8da6bf26964af9d7eed9e03e53415d37aa96045") // true
 */
export function isAddress(value: string): value is Address {
  return ADDRESS.test(value);
}

/** Checksummed forms already computed (lower-case hex → EIP-55), bounded: a check meets the same payees and licensors in every release. */
const checksummed = new Map<string, Address>();
const MAX_REMEMBERED = 1024;

/**
 * The EIP-55 checksummed form of an address (a hex digit is upper case where the keccak-256 of
 * the lower-case address has a nibble ≥ 8); throws `InvalidInputError` on anything else.
 *
 * @example
 * checksumAddress("0xd8da6bf26964af9d7eed9e03e53415d37aa96045") // "0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045"
 */
export function checksumAddress(value: string): Address {
  if (!isAddress(value)) throw new InvalidInputError(`Address "${value}" is invalid.`);
  const lower = value.slice(2).toLowerCase();
  const known = checksummed.get(lower);
  if (known !== undefined) return known;
  const hash = bytesToHex(keccak_256(utf8ToBytes(lower)));
  let out = "0x";
  for (let i = 0; i < 40; i++) out += parseInt(hash[i]!, 16) >= 8 ? lower[i]!.toUpperCase() : lower[i]!;
  if (checksummed.size >= MAX_REMEMBERED) checksummed.clear();
  checksummed.set(lower, out as Address);
  return out as Address;
}
