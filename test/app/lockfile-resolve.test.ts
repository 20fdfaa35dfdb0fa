import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildLockfile, diffLockfiles, hashTerms, parseLockfile, resolveApp, serializeLockfile, type AppManifest, type Lockfile } from "../../src/index.js";
import { createAppSourceOpener } from "../../src/node.js";
import { terms } from "./fixtures.js";

let dir: string;
const base = terms("base", "4%", {}, "relative");
const mid = terms("mid", "10%", {}, "relative");

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "omrl-app-resolve-"));
  mid.upstream = [{ repo: "acme/base", license: "omrl-1.0", termsHash: hashTerms(base) }];
  const leaf = terms("leaf", "5%", { upstream: [{ repo: "acme/mid", revision: "v2", license: "omrl-1.0" }] });
  const folders: Record<string, [string, unknown?]> = {
    leaf: ["---\nlicense: other\nlicense_name: omrl-1.0\nbase_model:\n  - acme/mid\n  - acme/apache\n---\n", leaf],
    mid: ["---\nlicense: other\nlicense_name: omrl-1.0\n---\n", mid],
    base: ["---\nlicense: other\nlicense_name: omrl-1.0\nbase_model: acme/leaf\n---\n", base], // a cycle back to the leaf
    apache: ["---\nlicense: apache-2.0\n---\n"],
  };
  for (const [name, [card, t]] of Object.entries(folders)) {
    await mkdir(join(dir, name), { recursive: true });
    await writeFile(join(dir, name, "README.md"), card);
    if (t) await writeFile(join(dir, name, "omrl.json"), JSON.stringify(t));
  }
  await writeFile(join(dir, "leaf/model.safetensors"), "w");
  await writeFile(join(dir, "leaf/notes.txt"), "not a weight file");
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const manifest: AppManifest = {
  omrlApp: "1.0",
  licensee: { name: "A", account: "eip155:1:0x70997970C51812dc3A010C7d01b50e0d17dc79C8" },
  models: [
    { id: "leaf", source: "hf:acme/leaf@1111111111111111111111111111111111111111", use: "embedded" },
    { id: "gone", source: "hf:acme/unmapped", use: "evaluation" },
  ],
  sources: { "hf:acme/leaf": "./leaf", "acme/mid": "./mid", "acme/base": "./base", "hf:acme/apache": "./apache" },
};

describe("resolveApp with local stand-ins", () => {
  it("follows terms upstream and card base_model through sources, once per repo, with terms, hashes and licences", async () => {
    const openSource = createAppSourceOpener({ manifest, manifestDir: dir, hub: { offline: true } });
    const context = await resolveApp(manifest, { openSource });
    const leaf = context.models[0]!;
    expect(leaf).toMatchObject({ origin: "stand-in", resolvedRevision: "1111111111111111111111111111111111111111", license: "LicenseRef-OMRL-1.0", name: "leaf", unverifiable: [] });
    expect(leaf.artifacts.map((a) => a.path)).toEqual(["model.safetensors"]);
    expect(leaf.artifacts[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(leaf.lineage.map((a) => [a.repo, a.depth, a.child, a.revision, a.license])).toEqual([
      ["acme/mid", 1, "leaf", "v2", "LicenseRef-OMRL-1.0"],
      ["acme/apache", 1, "leaf", null, "Apache-2.0"],
      ["acme/base", 2, "acme/mid", null, "LicenseRef-OMRL-1.0"],
    ]);
    expect(leaf.lineage[2]).toMatchObject({ termsHash: hashTerms(base), declaredTermsHash: hashTerms(base) });
    expect(leaf.warnings).toContain("lineage cycle: acme/base names acme/leaf as its base");
    // the unmapped Hub model is unverifiable (offline), not a failure of the whole resolution
    expect(context.models[1]!.unverifiable).toMatchObject([{ reason: "offline" }]);

    const lock = buildLockfile(context);
    expect(lock.models.map((m) => m.id)).toEqual(["gone", "leaf"]);
    const text = serializeLockfile(lock);
    expect(parseLockfile(text)).toEqual(lock);
    expect(serializeLockfile(buildLockfile(await resolveApp(manifest, { openSource })))).toBe(text);
  });
});

describe("diffLockfiles", () => {
  const lock = (): Lockfile => ({
    omrlLock: "1.0",
    models: [
      {
        id: "m",
        source: "hf:a/m",
        use: "embedded",
        resolvedRevision: "a".repeat(40),
        termsHash: `0x${"1".repeat(64)}`,
        license: "LicenseRef-OMRL-1.0",
        artifacts: [
          { path: "a.safetensors", size: 1, sha256: "a".repeat(64) },
          { path: "b.safetensors", size: 2, sha256: "b".repeat(64) },
        ],
        lineage: [{ repo: "meta-llama/Llama-3.2-1B", revision: "c".repeat(40), license: "LicenseRef-Llama-3.2-Community", relation: "finetune" }],
      },
    ],
  });

  it("is empty for equal lockfiles and names every kind of change", () => {
    expect(diffLockfiles(lock(), lock())).toEqual([]);
    const fresh = lock();
    const m = fresh.models[0]!;
    m.resolvedRevision = "d".repeat(40);
    m.termsHash = `0x${"2".repeat(64)}`;
    m.license = "Apache-2.0";
    m.use = "internal";
    m.artifacts = [{ path: "a.safetensors", size: 1, sha256: "e".repeat(64) }, { path: "c.gguf", size: 3, sha256: "f".repeat(64) }];
    m.lineage = [{ repo: "meta-llama/Llama-3.2-1B", revision: "c".repeat(40), license: "LicenseRef-Llama-3.3-Community", relation: "finetune", termsHash: `0x${"3".repeat(64)}` }, { repo: "x/y", revision: null, license: "MIT", relation: "merge" }];
    fresh.models.push({ ...lock().models[0]!, id: "n" });
    expect(diffLockfiles(lock(), fresh).map((c) => c.kind)).toEqual([
      "use",
      "revision",
      "terms-hash",
      "license",
      "artifact-changed",
      "artifact-removed",
      "artifact-added",
      "ancestor-terms-hash",
      "ancestor-license",
      "ancestor-added",
      "model-added",
    ]);
    expect(diffLockfiles(lock(), fresh)[1]!.message).toBe(`m: revision ${"a".repeat(40)} → ${"d".repeat(40)}`);
    expect(diffLockfiles(fresh, lock()).map((c) => c.kind)).toContain("model-removed");
  });

  it("parseLockfile rejects what the schema does not allow", () => {
    expect(() => parseLockfile("{")).toThrow(/not JSON/);
    expect(() => parseLockfile(JSON.stringify({ omrlLock: "2.0", models: [] }))).toThrow(/invalid lockfile/);
    const bad = lock();
    bad.models[0]!.artifacts[0]!.sha256 = "XYZ";
    expect(() => parseLockfile(JSON.stringify(bad), { location: "omrl.lock.json" })).toThrow(/omrl\.lock\.json: invalid lockfile: \/models\/0\/artifacts\/0\/sha256/);
  });
});
