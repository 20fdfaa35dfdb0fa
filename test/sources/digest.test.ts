import { execFileSync } from "node:child_process";
import { readFile, stat, writeFile, utimes } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  createDigestCache,
  digestFile,
  digestFiles,
  FileChangedError,
  resolveDigestCacheDir,
  type DigestProgress,
} from "../../src/node/digest/index.js";
import { SourceReadError } from "../../src/sources/index.js";
import { ARTIFACTS_DIR, makeTempDir, pseudoRandomBytes, removeDir, sha256Hex, writeOldFile } from "./helpers.js";

const MiB = 1 << 20;
// Sizes around the 1 MiB read chunk and the 32 MiB progress step, plus the empty file.
const SIZES = [0, 1, MiB - 1, MiB, MiB + 1, 3 * MiB + 7, 33 * MiB + 5];

let dir: string;
let files: { path: string; data: Uint8Array }[];

beforeAll(async () => {
  dir = await makeTempDir("omrl-digest-");
  files = [];
  for (const [i, size] of SIZES.entries()) {
    const path = join(dir, `f${i}.bin`);
    const data = pseudoRandomBytes(size, i + 1);
    await writeOldFile(path, data);
    files.push({ path, data });
  }
});
afterAll(() => removeDir(dir));

function cacheIn(name: string) {
  return createDigestCache({ dir: join(dir, name) });
}

describe("digestFiles", () => {
  test("parallel worker digests equal node:crypto over the whole buffer and sha256sum", async () => {
    const { files: digests, stats } = await digestFiles(
      files.map((f) => f.path),
      { concurrency: 3, cache: false },
    );
    expect(digests.map((d) => d.path)).toEqual(files.map((f) => f.path));
    const sums = execFileSync("sha256sum", files.map((f) => f.path), { encoding: "utf8" })
      .trim()
      .split("\n")
      .map((line) => line.split(/\s+/)[0]);
    for (const [i, d] of digests.entries()) {
      expect(d.sha256).toBe(sha256Hex(files[i]!.data));
      expect(d.sha256).toBe(sums[i]);
      expect(d.size).toBe(SIZES[i]);
      expect(d.fromCache).toBe(false);
    }
    expect(digests[0]!.sha256).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(stats).toEqual({ filesHashed: SIZES.length, bytesHashed: SIZES.reduce((a, b) => a + b, 0), cacheHits: 0 });
  });

  test("matches openssl dgst and one worker gives the same digests as many", async () => {
    const big = files.at(-1)!.path;
    const openssl = execFileSync("openssl", ["dgst", "-sha256", "-r", big], { encoding: "utf8" }).split(" ")[0];
    const one = await digestFiles([big, files[2]!.path], { concurrency: 1, cache: false });
    expect(one.files[0]!.sha256).toBe(openssl);
    expect(one.files[1]!.sha256).toBe(sha256Hex(files[2]!.data));
  });

  test("every real artifact digests to its line in SHA256SUMS", async () => {
    const lines = (await readFile(join(ARTIFACTS_DIR, "SHA256SUMS"), "utf8")).trim().split("\n");
    const expected = lines.map((line) => {
      const [sha256, path] = line.split(/\s+\*?/);
      return { sha256: sha256!, path: join(ARTIFACTS_DIR, path!) };
    });
    expect(expected.length).toBeGreaterThan(30);
    const { files: digests } = await digestFiles(
      expected.map((e) => e.path),
      { cache: false },
    );
    expect(digests.map((d) => d.sha256)).toEqual(expected.map((e) => e.sha256));
  });

  test("reports progress up to the total and deduplicates paths", async () => {
    const seen: DigestProgress[] = [];
    const big = files.at(-1)!;
    const { files: digests } = await digestFiles([big.path, join(dir, ".", "f6.bin"), files[1]!.path], {
      cache: false,
      onProgress: (p) => seen.push(p),
    });
    expect(digests).toHaveLength(2);
    const last = seen.at(-1)!;
    expect(last).toEqual({ bytesDone: big.data.length + 1, bytesTotal: big.data.length + 1, filesDone: 2, filesTotal: 2 });
    // The 33 MiB file reports at least once before it finishes (every 32 MiB).
    expect(seen.some((p) => p.bytesDone > 0 && p.filesDone === 0)).toBe(true);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.bytesDone).toBeGreaterThanOrEqual(seen[i - 1]!.bytesDone);
  });

  test("a missing file and a folder are typed errors", async () => {
    const missing = digestFiles([join(dir, "nope.bin")], { cache: false });
    await expect(missing).rejects.toBeInstanceOf(SourceReadError);
    await expect(missing).rejects.toMatchObject({ reason: "missing" });
    await expect(digestFiles([dir], { cache: false })).rejects.toMatchObject({ reason: "invalid" });
  });
});

describe("digest cache", () => {
  test("a second run reads no file; a changed mtime or size is hashed again", async () => {
    const cache = cacheIn("cache-a");
    const paths = files.map((f) => f.path);
    const first = await digestFiles(paths, { cache });
    expect(first.stats.filesHashed).toBe(paths.length);

    // A fresh cache object reads the saved file, as the next process would.
    const again = createDigestCache({ file: cache.file });
    const second = await digestFiles(paths, { cache: again });
    expect(second.stats).toEqual({ filesHashed: 0, bytesHashed: 0, cacheHits: paths.length });
    expect(second.files.map((f) => f.sha256)).toEqual(first.files.map((f) => f.sha256));
    expect(second.files.every((f) => f.fromCache)).toBe(true);

    // Same size, new content and mtime.
    const changed = files[3]!;
    const replacement = pseudoRandomBytes(changed.data.length, 99);
    await writeOldFile(changed.path, replacement);
    await utimes(changed.path, new Date(Date.now() - 7_200_000), new Date(Date.now() - 7_200_000));
    // New size.
    const grown = files[1]!;
    await writeOldFile(grown.path, new Uint8Array([...grown.data, 42]));

    const third = await digestFiles(paths, { cache: again });
    expect(third.stats.filesHashed).toBe(2);
    expect(third.stats.cacheHits).toBe(paths.length - 2);
    expect(third.files[3]!.sha256).toBe(sha256Hex(replacement));
    expect(third.files[1]!.sha256).toBe(sha256Hex(new Uint8Array([...grown.data, 42])));

    // Put the originals back for the other tests.
    await writeOldFile(changed.path, changed.data);
    await writeOldFile(grown.path, grown.data);
  });

  test("a file modified just now is hashed but not remembered", async () => {
    const path = join(dir, "fresh.bin");
    await writeFile(path, "just written");
    const cache = cacheIn("cache-racy");
    await digestFiles([path], { cache });
    const second = await digestFiles([path], { cache });
    expect(second.stats.filesHashed).toBe(1);
    expect(await cache.size()).toBe(0);
  });

  test("a corrupt cache file is ignored and rewritten", async () => {
    for (const garbage of ["{not json", '{"version":1,"entries":{"/x":{"size":"big"}}}', "[]", ""]) {
      const cache = cacheIn(`cache-corrupt-${garbage.length}`);
      await writeOldFile(cache.file, garbage);
      const { files: digests, stats } = await digestFiles([files[2]!.path], { cache });
      expect(stats.filesHashed).toBe(1);
      expect(digests[0]!.sha256).toBe(sha256Hex(files[2]!.data));
      const saved = JSON.parse(await readFile(cache.file, "utf8"));
      expect(saved.version).toBe(1);
      expect(Object.keys(saved.entries)).toEqual([files[2]!.path]);
    }
  });

  test("keeps at most maxEntries, dropping the oldest, and merges what another process saved", async () => {
    const file = join(dir, "cache-bounded", "digests.json");
    const a = createDigestCache({ file, maxEntries: 3 });
    for (const f of files.slice(0, 5)) await digestFiles([f.path], { cache: a });
    const saved = JSON.parse(await readFile(file, "utf8"));
    expect(Object.keys(saved.entries).sort()).toEqual(files.slice(2, 5).map((f) => f.path).sort());

    const b = createDigestCache({ file, maxEntries: 10 });
    await b.size(); // loads the three
    const other = createDigestCache({ file, maxEntries: 10 });
    await digestFiles([files[0]!.path], { cache: other });
    await digestFiles([files[5]!.path], { cache: b });
    const merged = JSON.parse(await readFile(file, "utf8"));
    expect(Object.keys(merged.entries)).toHaveLength(5);
  });

  test("a file that changes while it is hashed is a FileChangedError", async () => {
    const path = join(dir, "moving.bin");
    await writeOldFile(path, pseudoRandomBytes(16 * MiB, 7));
    const next = pseudoRandomBytes(16 * MiB + 1, 8);
    const hashing = digestFile(path, { cache: false }).then(
      (ok) => ok,
      (error: Error) => error,
    );
    await writeFile(path, next);
    const outcome = await hashing;
    // The write may land before the first stat (then the new content is hashed, correctly);
    // otherwise the change must be caught, never a digest of a mix.
    if (outcome instanceof Error) expect(outcome).toBeInstanceOf(FileChangedError);
    else expect(outcome.sha256).toBe(sha256Hex(await readFile(path)));
  });

  test("the cache folder comes from the option, OMRL_CACHE_DIR, XDG_CACHE_HOME, then ~/.cache", () => {
    expect(resolveDigestCacheDir({ dir: "/a", env: { OMRL_CACHE_DIR: "/b" } })).toBe("/a");
    expect(resolveDigestCacheDir({ env: { OMRL_CACHE_DIR: "/b", XDG_CACHE_HOME: "/c" } })).toBe("/b");
    expect(resolveDigestCacheDir({ env: { XDG_CACHE_HOME: "/c" } })).toBe("/c/omrl");
    expect(resolveDigestCacheDir({ env: {} })).toMatch(/\/\.cache\/omrl$/);
    expect(createDigestCache({ env: { OMRL_CACHE_DIR: "/b" } }).file).toBe("/b/digests.json");
  });

  test("an unwritable cache location never fails a digest", async () => {
    const blocker = join(dir, "not-a-folder");
    await writeOldFile(blocker, "x");
    const cache = createDigestCache({ dir: join(blocker, "sub") });
    const { files: digests } = await digestFiles([files[2]!.path], { cache });
    expect(digests[0]!.sha256).toBe(sha256Hex(files[2]!.data));
    expect(cache.lastSaveError).toBeDefined();
    expect((await stat(blocker)).isFile()).toBe(true);
  });
});
