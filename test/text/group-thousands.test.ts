import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { groupThousands } from "../../src/text/index.js";

describe("groupThousands", () => {
  it("groups like toLocaleString('en-US') for every non-negative safe integer", () => {
    fc.assert(fc.property(fc.oneof(fc.nat(), fc.maxSafeNat(), fc.integer({ min: 0, max: 9_999_999 })), (n) => groupThousands(n) === n.toLocaleString("en-US")));
    expect(groupThousands(0)).toBe("0");
    expect(groupThousands(999)).toBe("999");
    expect(groupThousands(1000)).toBe("1,000");
    expect(groupThousands(700_000_000)).toBe("700,000,000");
  });
  it("falls back to toLocaleString for anything else", () => {
    for (const n of [-1234, 1234.5, Number.MAX_SAFE_INTEGER + 2]) expect(groupThousands(n)).toBe(n.toLocaleString("en-US"));
  });
});
