import { sha256 } from "@noble/hashes/sha2";
import { bytesToHex, concatBytes, utf8ToBytes } from "@noble/hashes/utils";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FileResultCache } from "../../src/node/index.js";
import { pureCacheKey } from "../../src/pure-cache/index.js";
import { nodeSha256Frames } from "./map-result-cache.js";

const part = fc.oneof(fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" }), fc.uint8Array({ maxLength: 64 }));
const native = { sha256Frames: nodeSha256Frames };

/** The key as specified: SHA-256 over (8-byte big-endian byte length ‖ bytes) of the tag and each part. */
function reference(tag: string, parts: (string | Uint8Array)[]): string {
  const frames = [tag, ...parts].map((p) => {
    const bytes = typeof p === "string" ? utf8ToBytes(p) : p;
    const length = new Uint8Array(8);
    new DataView(length.buffer).setBigUint64(0, BigInt(bytes.length));
    return concatBytes(length, bytes);
  });
  return bytesToHex(sha256(concatBytes(...frames)));
}

describe("pureCacheKey", () => {
  it("is SHA-256 over length-prefixed UTF-8 frames, with FileResultCache's node:crypto engine too (lone surrogates included)", () => {
    const file = new FileResultCache({ file: "/nonexistent/results.json" });
    fc.assert(
      fc.property(fc.string(), fc.array(part, { maxLength: 4 }), (tag, parts) => {
        const expected = reference(tag, parts);
        return pureCacheKey(native, tag, ...parts) === expected && pureCacheKey(file, tag, ...parts) === expected;
      }),
    );
    expect(pureCacheKey(native, "t", "\ud800")).toBe(pureCacheKey(native, "t", new Uint8Array([0xef, 0xbf, 0xbd])));
  });

  it("frames every part: different splits, tags or types of the same bytes give different keys", () => {
    expect(pureCacheKey(native, "t", "ab", "c")).not.toBe(pureCacheKey(native, "t", "a", "bc"));
    expect(pureCacheKey(native, "t", "abc")).not.toBe(pureCacheKey(native, "t", "ab", "c"));
    expect(pureCacheKey(native, "t/1", "x")).not.toBe(pureCacheKey(native, "t/2", "x"));
    expect(pureCacheKey(native, "t", "")).not.toBe(pureCacheKey(native, "t"));
    fc.assert(fc.property(fc.array(fc.string(), { maxLength: 3 }), fc.array(fc.string(), { maxLength: 3 }), (a, b) => (JSON.stringify(a) === JSON.stringify(b)) === (pureCacheKey(native, "t", ...a) === pureCacheKey(native, "t", ...b))));
  });
});
