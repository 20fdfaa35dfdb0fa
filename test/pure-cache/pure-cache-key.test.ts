import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { FileResultCache } from "../../src/node/index.js";
import { getPureResultCache, pureCacheKey, setPureResultCache } from "../../src/pure-cache/index.js";

const part = fc.oneof(fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" }), fc.uint8Array({ maxLength: 64 }));

describe("pureCacheKey", () => {
  afterEach(() => setPureResultCache(undefined));

  it("gives the same key with the portable and the node:crypto SHA-256 (lone surrogates included)", () => {
    const native = new FileResultCache({ file: "/nonexistent/results.json" });
    fc.assert(
      fc.property(fc.string(), fc.array(part, { maxLength: 4 }), (tag, parts) => {
        setPureResultCache(undefined);
        const portable = pureCacheKey(tag, ...parts);
        setPureResultCache(native);
        expect(getPureResultCache()).toBe(native);
        return pureCacheKey(tag, ...parts) === portable && /^[0-9a-f]{64}$/.test(portable);
      }),
    );
    expect(pureCacheKey("t", "\ud800")).toBe(pureCacheKey("t", new Uint8Array([0xef, 0xbf, 0xbd])));
  });

  it("frames every part: different splits, tags or types of the same bytes give different keys", () => {
    expect(pureCacheKey("t", "ab", "c")).not.toBe(pureCacheKey("t", "a", "bc"));
    expect(pureCacheKey("t", "abc")).not.toBe(pureCacheKey("t", "ab", "c"));
    expect(pureCacheKey("t/1", "x")).not.toBe(pureCacheKey("t/2", "x"));
    expect(pureCacheKey("t", "")).not.toBe(pureCacheKey("t"));
    fc.assert(fc.property(fc.array(fc.string(), { maxLength: 3 }), fc.array(fc.string(), { maxLength: 3 }), (a, b) => (JSON.stringify(a) === JSON.stringify(b)) === (pureCacheKey("t", ...a) === pureCacheKey("t", ...b))));
  });
});
