import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseTerms } from "../../src/terms/index.js";
import { runOmrl } from "../helpers/cli.js";
import { DEV_LICENSOR_KEY } from "../fixtures/terms.js";
import { SHARED_ARTIFACTS, makeRelease, sha256File, snapshot } from "./release-fixture.js";

const dirs: string[] = [];
const cacheDir = mkdtempSync(join(tmpdir(), "omrl-tag-cache-"));
dirs.push(cacheDir);
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
async function release(signed = false): Promise<string> {
  const dir = await makeRelease({ signed });
  dirs.push(dir);
  return dir;
}
// The digest cache goes to a temporary folder, never the user's.
const env = { OMRL_CACHE_DIR: cacheDir, LICENSOR_KEY: DEV_LICENSOR_KEY };

describe("omrl tag", () => {
  it("--stamp: stamps, records, says the signature must be redone; then sign + validate pass; a re-run changes nothing", async () => {
    const dir = await release(true);
    const tagged = await runOmrl(["tag", dir, "--stamp"], { env });
    expect(tagged.code, tagged.stderr).toBe(0);
    expect(tagged.stdout).toMatch(/stamped +codes\/jfk-codes\.safetensors, model\.gguf, model\.safetensors/);
    expect(tagged.stdout).toMatch(/artifacts +10 recorded in omrl\.json/);
    expect(tagged.stdout).toContain("LICENSE.md      re-rendered");
    expect(tagged.stdout).toContain("The old signature no longer matches and was removed: run omrl sign --key-env VAR");

    const unsigned = await runOmrl(["validate", dir], { env });
    expect(unsigned.code).toBe(1);
    expect(unsigned.stdout).toContain("signature/unsigned");

    const signed = await runOmrl(["sign", dir, "--key-env", "LICENSOR_KEY", "--signed-at", "2026-02-01T00:00:00Z"], { env });
    expect(signed.code, signed.stderr).toBe(0);
    expect(parseTerms(readFileSync(join(dir, "omrl.json"), "utf8")).signature?.signedAt).toBe("2026-02-01T00:00:00Z");
    const valid = await runOmrl(["validate", dir], { env });
    expect(valid.code, valid.stdout).toBe(0);

    const before = snapshot(dir);
    const again = await runOmrl(["tag", dir, "--stamp", "--format", "json"], { env });
    expect(again.code, again.stderr).toBe(0);
    const json = JSON.parse(again.stdout) as { changedFiles: string[]; signed: boolean; artifacts: { path: string; sha256: string }[] };
    expect(json.changedFiles).toEqual([]);
    expect(json.signed).toBe(true);
    for (const artifact of json.artifacts) expect(artifact.sha256).toBe(sha256File(join(dir, artifact.path)));
    expect(snapshot(dir)).toEqual(before);
    expect((await runOmrl(["validate", dir], { env })).code).toBe(0);
  });

  it("without --stamp, tells which files do not carry the terms core hash", async () => {
    const dir = await release();
    const result = await runOmrl(["tag", join(dir, "omrl.json")], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/not stamped .*run omrl tag --stamp/);
    expect(result.stdout).toContain("The terms are not signed: run omrl sign --key-env VAR");
  });

  it("exits 2 naming a hostile weight file, and changes nothing", async () => {
    const dir = await release(true);
    copyFileSync(join(SHARED_ARTIFACTS, "malformed/safetensors-cpp_abuse_attempt_1.header-len-exceeds-file.safetensors"), join(dir, "extra.safetensors"));
    const before = snapshot(dir);
    const result = await runOmrl(["tag", dir, "--stamp"], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^omrl: extra\.safetensors: /);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(snapshot(dir)).toEqual(before);
  });

  it("exits 2 without omrl.json, and on a bad --signed-at", async () => {
    const empty = mkdtempSync(join(tmpdir(), "omrl-tag-empty-"));
    dirs.push(empty);
    const result = await runOmrl(["tag", empty, "--stamp"], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/omrl\.json does not exist: run `omrl init` first/);
    const dir = await release();
    const sign = await runOmrl(["sign", dir, "--key-env", "LICENSOR_KEY", "--signed-at", "yesterday"], { env });
    expect(sign.code).toBe(2);
    expect(sign.stderr).toMatch(/--signed-at yesterday/);
  });
});
