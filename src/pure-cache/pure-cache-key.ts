import type { PureResultCache } from "./pure-result-cache.js";
import { utf8Length } from "../text/utf8-length.js";

/** The 8-byte big-endian length prefix of a frame. */
function lengthPrefix(length: number): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(length));
  return bytes;
}

/**
 * The key of a pure function's result in `cache`: SHA-256 (by the cache's `sha256Frames`) over the
 * algorithm/version tag and each input part, every one prefixed with its UTF-8 or byte length as
 * 8 bytes big-endian (so no two different inputs frame alike), as 64 hex digits.
 *
 * @example
 * pureCacheKey(cache, "omrl/eip712-recover-signer/1", digest, signature) // "3f…"
 */
export function pureCacheKey(cache: Pick<PureResultCache, "sha256Frames">, tag: string, ...parts: readonly (string | Uint8Array)[]): string {
  const frames: (string | Uint8Array)[] = [];
  for (const part of [tag, ...parts]) frames.push(lengthPrefix(typeof part === "string" ? utf8Length(part) : part.length), part);
  return cache.sha256Frames(frames);
}
