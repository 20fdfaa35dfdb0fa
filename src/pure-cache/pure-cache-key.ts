import { sha256 } from "@noble/hashes/sha2";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils";
import { getPureResultCache } from "./pure-result-cache.js";

/** The 8-byte big-endian length prefix of a frame. */
function lengthPrefix(length: number): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(length));
  return bytes;
}

/** UTF-8 length of a string without encoding it. */
function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3; // lone surrogates encode as U+FFFD (3 bytes), as TextEncoder does
  }
  return n;
}

/**
 * The key of a pure function's result: SHA-256 over the algorithm/version tag and each input part,
 * every one prefixed with its byte length (so no two different inputs frame alike), as 64 hex
 * digits. Strings are taken as their UTF-8 bytes. Hashed by the installed result cache's
 * `sha256Frames` when it has one (native in Node), else by `@noble/hashes`; both give the same key.
 *
 * @example
 * pureCacheKey("omrl/eip712-recover-signer/1", digest, signature) // "3f…"
 */
export function pureCacheKey(tag: string, ...parts: readonly (string | Uint8Array)[]): string {
  const frames: (string | Uint8Array)[] = [];
  for (const part of [tag, ...parts]) frames.push(lengthPrefix(typeof part === "string" ? utf8Length(part) : part.length), part);
  const native = getPureResultCache()?.sha256Frames;
  if (native) return native(frames);
  const h = sha256.create();
  for (const frame of frames) h.update(typeof frame === "string" ? utf8ToBytes(frame) : frame);
  return bytesToHex(h.digest());
}
