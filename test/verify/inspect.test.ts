import { copyFile, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inspect } from "../../src/inspect/index.js";
import { locateJsonPointer } from "../../src/rules/index.js";
import { openLocalSource } from "../../src/sources/node.js";
import { hashTerms, hashTermsCore } from "../../src/terms/index.js";
import { devLicensor } from "../fixtures/terms.js";
import { buildRelease, readTermsFile, REAL_SAFETENSORS, sha256Hex } from "./fixtures.js";

let dir: string;
beforeAll(async () => {
  dir = await buildRelease({ gguf: true });
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe("inspect", () => {
  it("gathers card, terms (hashed, signature verified), licence files, stamped headers and digests, as plain JSON-safe data", async () => {
    const progress: [number, number][] = [];
    const release = await inspect(await openLocalSource(dir, { cache: false }), { onDigestProgress: (done, total) => progress.push([done, total]) });
    const terms = await readTermsFile(dir);
    expect(release.source.kind).toBe("local");
    expect(release.listed).toBe(true);
    expect(release.card?.frontMatter).toMatchObject({ license: "other", licenseName: "omrl-1.0", licenseLink: "LICENSE.md", baseModel: "meta-llama/Llama-3.2-1B" });
    expect(release.terms).toMatchObject({ path: "omrl.json", issues: [], termsHash: hashTerms(terms), termsCoreHash: hashTermsCore(terms) });
    expect(release.terms?.signature).toMatchObject({ valid: true, byLicensor: true, signer: devLicensor.address });
    expect(release.textFiles.map((f) => [f.path, f.kind])).toEqual([
      ["LICENSE-LLAMA-3.2.txt", "license"],
      ["LICENSE.md", "license"],
      ["NOTICE", "notice"],
    ]);
    const gguf = release.artifacts.find((a) => a.path === "model.gguf")!;
    expect(gguf.gguf).toMatchObject({ version: 3, license: "LicenseRef-OMRL-1.0", licenseName: "omrl-1.0", licenseLink: "LICENSE.md", termsCoreHash: hashTermsCore(terms) });
    expect(gguf.gguf!.general["general.license"]).toBe("LicenseRef-OMRL-1.0");
    const st = release.artifacts.find((a) => a.path === "model.safetensors")!;
    expect(st.safetensors!.licenseFields).toMatchObject({ license: "LicenseRef-OMRL-1.0", termsCoreHash: hashTermsCore(terms) });
    for (const artifact of release.artifacts) expect(artifact.sha256).toBe(sha256Hex(await readFile(join(dir, artifact.path))));
    const total = release.artifacts.reduce((sum, a) => sum + a.size, 0);
    expect(progress.at(-1)).toEqual([total, total]);
    expect(JSON.parse(JSON.stringify(release))).toEqual(release);
  });

  it("digests: `listed` hashes only the artifacts the terms list; `none` hashes nothing", async () => {
    await copyFile(REAL_SAFETENSORS, join(dir, "unlisted.safetensors"));
    try {
      const listed = await inspect(await openLocalSource(dir, { cache: false }), { digests: "listed" });
      expect(listed.artifacts.find((a) => a.path === "unlisted.safetensors")!.sha256).toBeUndefined();
      expect(listed.artifacts.find((a) => a.path === "model.safetensors")!.sha256).toMatch(/^[0-9a-f]{64}$/);
      const none = await inspect(await openLocalSource(dir, { cache: false }), { digests: "none" });
      expect(none.artifacts.every((a) => a.sha256 === undefined)).toBe(true);
    } finally {
      await rm(join(dir, "unlisted.safetensors"));
    }
  });

  it("does not read licence files above the size cap", async () => {
    const release = await inspect(await openLocalSource(dir, { cache: false }), { digests: "none", maxTextFileBytes: 100 });
    const license = release.textFiles.find((f) => f.path === "LICENSE.md")!;
    expect(license.tooLarge).toBe(true);
    expect(license.text).toBeUndefined();
  });
});

describe("locateJsonPointer", () => {
  const text = JSON.stringify({ a: [1, { b: "x,]}" }, 3], c: { "d/e~": true }, f: [[1, 2], [3]] }, null, 2);
  it.each([
    ["", 1, 1],
    ["/a", 2, 3],
    ["/a/1/b", 5, 7],
    ["/a/2", 7, 5],
    ["/c/d~1e~0", 10, 5],
    ["/f/1/0", 18, 7],
  ])("finds %s", (pointer, line, column) => {
    expect(locateJsonPointer(text, pointer)).toEqual({ line, column });
  });
  it.each(["/zz", "/a/9", "/a/x", "nope", "/a/0/b"])("returns undefined for %s", (pointer) => {
    expect(locateJsonPointer(text, pointer)).toBeUndefined();
  });
});
