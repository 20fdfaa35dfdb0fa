import type { PureResultCache } from "./pure-result-cache.js";

/** The 8-byte big-endian length prefix of a frame. */
function lengthPrefix(length: number): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(length));
  return bytes;
}

/** UTF-8 length of a string without encoding it (lone surrogates count as U+FFFD, as encoders write them). */
function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
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
