/**
 * `omrl check` through the built CLI with the result cache (`results.json` beside the digest cache):
 * written on the first run, not rewritten by a warm one, replaced when corrupt, absent with
 * OMRL_NO_CACHE=1 — and the same report every time (issue #14).
 */
import { cp, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runOmrl } from "../helpers/cli.js";

let dir: string;
let cacheDir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "omrl-check-results-"));
  cacheDir = await mkdtemp(join(tmpdir(), "omrl-check-results-cache-"));
  await cp(new URL("../../examples/app-ci", import.meta.url), dir, { recursive: true, filter: (src) => !src.endsWith(".test.ts") });
});
afterAll(async () => Promise.all([dir, cacheDir].map((d) => rm(d, { recursive: true, force: true }))));

const check = (extra: Record<string, string> = {}) => runOmrl(["check", "--frozen", "--format", "json"], { cwd: dir, env: { HF_HUB_OFFLINE: "1", OMRL_CACHE_DIR: cacheDir, ...extra } });

it("first run writes results.json; warm, corrupt-file and no-cache runs give the same report", async () => {
  const results = join(cacheDir, "results.json");
  const first = await check();
  expect(first.stderr).toBe("");
  expect(first.code).toBe(0);
  const written = JSON.parse(await readFile(results, "utf8")) as { version: number; entries: [string, string][] };
  expect(written.version).toBe(1);
  expect(written.entries.length).toBeGreaterThanOrEqual(2); // detections and rendered-licence hashes of the app's releases
  const before = await stat(results);

  const warm = await check();
  expect(warm).toEqual(first);
  expect((await stat(results)).mtimeMs).toBe(before.mtimeMs); // a warm run learns nothing new, writes nothing

  await writeFile(results, "{ corrupt");
  expect(await check()).toEqual(first);
  expect(JSON.parse(await readFile(results, "utf8")).entries.length).toBe(written.entries.length);

  const noCacheDir = await mkdtemp(join(tmpdir(), "omrl-check-results-none-"));
  try {
    expect(await check({ OMRL_NO_CACHE: "1", OMRL_CACHE_DIR: noCacheDir })).toEqual(first);
    await expect(stat(join(noCacheDir, "results.json"))).rejects.toMatchObject({ code: "ENOENT" });
  } finally {
    await rm(noCacheDir, { recursive: true, force: true });
  }
});
