import { sha256 } from "@noble/hashes/sha2";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils";

/**
 * The key of a pure function's result: SHA-256 over the algorithm/version tag and each input part,
 * every one length-prefixed (so no two different inputs concatenate alike), as 64 hex digits.
 * Strings are taken as their UTF-8 bytes.
 *
 * @example
 * pureCacheKey("eip712-recover/1", digest, signatureBytes) // "3f…"
 */
export function pureCacheKey(tag: string, ...parts: readonly (string | Uint8Array)[]): string {
  const h = sha256.create();
  for (const part of [tag, ...parts]) {
    const bytes = typeof part === "string" ? utf8ToBytes(part) : part;
    const length = new Uint8Array(8);
    new DataView(length.buffer).setBigUint64(0, BigInt(bytes.length));
    h.update(length).update(bytes);
  }
  return bytesToHex(h.digest());
}
