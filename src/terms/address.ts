import type { Address } from "viem";
import * as OxAddress from "ox/Address";
import { InvalidInputError } from "../errors.js";

/**
 * Whether `value` is a 20-byte hex address in any letter case (checksum not checked). Built on
 * `ox` so that the terms module verifies without loading viem.
 *
 * @example
 * isAddress("0xd8da6bf26964af9d7eed9e03e53415d37aa96045") // true
 */
export function isAddress(value: string): value is Address {
  return OxAddress.validate(value, { strict: false });
}

/**
 * The EIP-55 checksummed form of an address; throws `InvalidInputError` on anything else.
 *
 * @example
 * checksumAddress("0xd8da6bf26964af9d7eed9e03e53415d37aa96045") // "0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045"
 */
export function checksumAddress(value: string): Address {
  if (!isAddress(value)) throw new InvalidInputError(`Address "${value}" is invalid.`);
  return OxAddress.checksum(value);
}
