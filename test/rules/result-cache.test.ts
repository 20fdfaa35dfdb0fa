/** verify with a result cache installed answers exactly as without one, whatever the cache holds (issue #14). */
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { setPureResultCache, type PureResultCache } from "../../src/pure-cache/index.js";
import { mapResultCache as mapCache } from "../pure-cache/map-result-cache.js";
import { buildRelease, verifyPath } from "../verify/fixtures.js";

const temps: string[] = [];
let clean: string;
beforeAll(async () => {
  clean = await buildRelease();
  temps.push(clean);
});
afterAll(async () => Promise.all(temps.map((t) => rm(t, { recursive: true, force: true }))));
afterEach(() => setPureResultCache(undefined));

async function withCache(cache: PureResultCache | undefined, dir: string) {
  setPureResultCache(cache);
  try {
    return await verifyPath(dir);
  } finally {
    setPureResultCache(undefined);
  }
}

describe("result cache under verify", () => {
  it("fills on the first run and then gives the same release and result; a changed LICENSE.md is still found at the same line", async () => {
    const cache = mapCache();
    const first = await withCache(cache, clean); // the first run of this process: nothing remembered in memory yet
    expect(cache.entries.size).toBeGreaterThanOrEqual(2); // the licence's detection and its rendering's fingerprint at least
    const plain = await withCache(undefined, clean);
    const warm = await withCache(cache, clean);
    expect(first).toEqual(plain);
    expect(warm).toEqual(plain);
    expect(plain.result.status).toBe("compliant");

    const dir = await buildRelease();
    temps.push(dir);
    await withCache(cache, dir);
    const license = join(dir, "LICENSE.md");
    const { readFile } = await import("node:fs/promises");
    await writeFile(license, (await readFile(license, "utf8")).replace(/\n\n/, "\n\nAn extra line.\n\n"));
    const changedPlain = await withCache(undefined, dir);
    const changedCached = await withCache(cache, dir);
    const finding = changedCached.result.diagnostics.find((d) => d.ruleId === "omrl/license-text-mismatch");
    expect(finding?.line).toBeGreaterThan(0);
    expect(changedCached).toEqual(changedPlain);
  });

  it("entries overwritten with garbage, or with each other's values, are misses: the same answer as without a cache", async () => {
    const plain = await withCache(undefined, clean);
    const cache = mapCache();
    await withCache(cache, clean);
    const values = [...cache.entries.values()];
    for (const tamper of [() => "garbage", () => "{}", () => JSON.stringify({ candidates: "x", copyright: [] }), (i: number) => values[(i + 1) % values.length]!]) {
      let i = 0;
      for (const key of cache.entries.keys()) cache.entries.set(key, tamper(i++));
      expect(await withCache(cache, clean)).toEqual(plain);
    }
  });
});
