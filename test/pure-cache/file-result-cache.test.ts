import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FileResultCache, MAX_RESULT_VALUE_CHARS, openFileResultCache } from "../../src/node/index.js";
import { pureCacheKey } from "../../src/pure-cache/index.js";
import { nodeSha256Frames } from "./map-result-cache.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "omrl-results-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const key = (n: number) => pureCacheKey({ sha256Frames: nodeSha256Frames }, "test/1", String(n));

describe("FileResultCache", () => {
  it("lives beside the digest cache ($OMRL_CACHE_DIR/results.json) and round-trips through one file", async () => {
    const cache = (await openFileResultCache({ env: { OMRL_CACHE_DIR: dir } }))!;
    expect(cache.file).toBe(join(dir, "results.json"));
    cache.set(key(1), "one");
    await cache.save();
    const again = (await openFileResultCache({ env: { OMRL_CACHE_DIR: dir } }))!;
    expect(again.get(key(1))).toBe("one");
    expect(again.get(key(2))).toBeUndefined();
  });

  it("OMRL_NO_CACHE=1 opens none", async () => {
    expect(await openFileResultCache({ env: { OMRL_CACHE_DIR: dir, OMRL_NO_CACHE: "1" } })).toBeUndefined();
  });

  it("does not rewrite the file on a run that stored nothing new", async () => {
    const file = join(dir, "results.json");
    const cache = await new FileResultCache({ file }).load();
    cache.set(key(1), "one");
    await cache.save();
    await writeFile(file, JSON.stringify({ version: 1, entries: [[key(1), "one"], [key(3), "three"]] }));
    const warm = await new FileResultCache({ file }).load();
    warm.set(key(1), "one"); // the same value: nothing new
    await warm.save();
    expect(JSON.parse(await readFile(file, "utf8")).entries).toHaveLength(2);
  });

  it("reads a corrupt, foreign-version or malformed file as empty (entry by entry) and replaces it", async () => {
    const file = join(dir, "results.json");
    for (const body of ["{not json", JSON.stringify({ version: 2, entries: [[key(1), "x"]] }), JSON.stringify([1, 2]), ""]) {
      await writeFile(file, body);
      const cache = await new FileResultCache({ file }).load();
      expect(cache.size).toBe(0);
      cache.set(key(1), "fresh");
      await cache.save();
      expect(JSON.parse(await readFile(file, "utf8"))).toEqual({ version: 1, entries: [[key(1), "fresh"]] });
    }
    await writeFile(file, JSON.stringify({ version: 1, entries: [[key(1), "ok"], ["not-a-key", "x"], [key(2), 5], [key(3)], "junk", [key(4), "y".repeat(MAX_RESULT_VALUE_CHARS + 1)]] }));
    const cache = await new FileResultCache({ file }).load();
    expect(cache.size).toBe(1);
    expect(cache.get(key(1))).toBe("ok");
  });

  it("bounds entries (oldest stored out) and value length; merges with another process's writes", async () => {
    const file = join(dir, "results.json");
    const a = await new FileResultCache({ file, maxEntries: 3 }).load();
    const b = await new FileResultCache({ file, maxEntries: 3 }).load();
    a.set(key(1), "1");
    a.set(key(2), "2");
    await a.save();
    b.set(key(3), "3");
    b.set("not-a-key", "x");
    b.set(key(5), "y".repeat(MAX_RESULT_VALUE_CHARS + 1));
    await b.save();
    expect(JSON.parse(await readFile(file, "utf8")).entries).toEqual([[key(1), "1"], [key(2), "2"], [key(3), "3"]]);
    b.set(key(4), "4");
    await b.save();
    const c = await new FileResultCache({ file }).load();
    expect([c.get(key(1)), c.get(key(2)), c.get(key(3)), c.get(key(4))]).toEqual([undefined, "2", "3", "4"]);
  });

  it("a save that cannot write is ignored (the cache only saves time)", async () => {
    const blocker = join(dir, "file");
    await writeFile(blocker, "x");
    const cache = await new FileResultCache({ file: join(blocker, "results.json") }).load();
    cache.set(key(1), "1");
    await expect(cache.save()).resolves.toBeUndefined();
    expect(cache.lastSaveError).toBeDefined();
    expect(cache.get(key(1))).toBe("1");
  });
});
