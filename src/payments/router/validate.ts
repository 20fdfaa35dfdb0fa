import { getAddress, isAddress, zeroAddress, type Address } from "viem";
import { InvalidInputError } from "../../errors.js";
import { PPM } from "../../money/index.js";
import type { Bytes32, RouterPayee } from "./types.js";

/** Same bounds as the contract's `MAX_PAYEES` and `MAX_ARTIFACTS`. */
export const ROUTER_MAX_PAYEES = 100;
export const ROUTER_MAX_ARTIFACTS = 256;

const BYTES32 = /^0x[0-9a-fA-F]{64}$/;

export function assertBytes32(value: string, what: string): asserts value is Bytes32 {
  if (!BYTES32.test(value)) throw new InvalidInputError(`${what} must be 32 bytes of 0x-prefixed hex, got ${JSON.stringify(value)}`);
}

export function checkedAddress(value: string, what: string): Address {
  if (!isAddress(value, { strict: false })) throw new InvalidInputError(`${what} is not an address: ${JSON.stringify(value)}`);
  return getAddress(value);
}

/**
 * Checks a split the way the contract does, so a bad split fails here with a readable message
 * instead of as a revert, and converts it to the ABI's `uint32[]`. Shares are bigint ppm in the
 * SDK; the ABI's uint32 decodes to `number` in viem, which is exact for 0…1e6.
 */
export function encodeSplit(payees: readonly RouterPayee[]): { accounts: Address[]; sharesPpm: number[] } {
  if (payees.length === 0) throw new InvalidInputError("a router registration needs at least one payee");
  if (payees.length > ROUTER_MAX_PAYEES)
    throw new InvalidInputError(`${payees.length} payees; the router takes at most ${ROUTER_MAX_PAYEES}`);
  const seen = new Set<string>();
  let sum = 0n;
  const accounts: Address[] = [];
  const sharesPpm: number[] = [];
  payees.forEach((payee, index) => {
    const account = checkedAddress(payee.account, `payees[${index}].account`);
    if (account === zeroAddress) throw new InvalidInputError(`payees[${index}] is the zero address`);
    if (seen.has(account)) throw new InvalidInputError(`payee ${account} is listed twice`);
    seen.add(account);
    if (payee.sharePpm <= 0n || payee.sharePpm > PPM)
      throw new InvalidInputError(`payees[${index}].sharePpm must be in 1…${PPM}, got ${payee.sharePpm}`);
    sum += payee.sharePpm;
    accounts.push(account);
    sharesPpm.push(Number(payee.sharePpm));
  });
  if (sum !== PPM)
    throw new InvalidInputError(`payee shares sum to ${sum} ppm, not ${PPM} (100%)`, { docsPath: "/docs/contracts.md#register" });
  return { accounts, sharesPpm };
}

export function checkDigests(digests: readonly string[]): Bytes32[] {
  if (digests.length > ROUTER_MAX_ARTIFACTS)
    throw new InvalidInputError(`${digests.length} artifact digests; the router takes at most ${ROUTER_MAX_ARTIFACTS}`);
  return digests.map((digest, index) => {
    assertBytes32(digest, `artifactDigests[${index}]`);
    if (BigInt(digest) === 0n) throw new InvalidInputError(`artifactDigests[${index}] is zero`);
    return digest.toLowerCase() as Bytes32;
  });
}
