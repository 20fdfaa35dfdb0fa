import { keccak_256 } from "@noble/hashes/sha3";

const HEX_ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/**
 * The EIP-55 checksummed form of a 0x address, or undefined when the text is not 40 hex digits or
 * carries a mixed-case checksum that is wrong. The same answer as viem's `getAddress` (a test holds
 * them to it), written here on `@noble/hashes` so that matching a round never loads viem: it is
 * most of `omrl qf`'s start-up otherwise.
 *
 * @example
 * checksumAddress("0x52908400098527886e0f7030069857d2e4169ee7") // "0x52908400098527886E0F7030069857D2E4169EE7"
 */
export function checksumAddress(text: string): `0x${string}` | undefined {
  if (!HEX_ADDRESS.test(text)) return undefined;
  const lower = text.slice(2).toLowerCase();
  const hash = keccak_256(new TextEncoder().encode(lower));
  let out = "0x";
  for (let k = 0; k < 40; k++) {
    const nibble = (hash[k >> 1]! >> (k % 2 === 0 ? 4 : 0)) & 0x0f;
    out += nibble >= 8 ? lower[k]!.toUpperCase() : lower[k]!;
  }
  const body = text.slice(2);
  const mixed = body !== body.toLowerCase() && body !== body.toUpperCase();
  if (mixed && out !== text) return undefined;
  return out as `0x${string}`;
}
