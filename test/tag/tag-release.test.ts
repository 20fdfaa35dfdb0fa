import { copyFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gguf } from "@huggingface/gguf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSafetensorsHeader, readGgufMetadata, weightsDigest } from "../../src/artifacts/index.js";
import { createLocalFolderSource } from "../../src/sources/node.js";
import { TagError, tagRelease, type TagProgress, type TagReleaseReturnType } from "../../src/tag/index.js";
import { privateKeyToAccount } from "viem/accounts";
import { InvalidTermsError, hashTermsCore, parseTerms, renderLicense, signTerms, verifyTermsSignature } from "../../src/terms/index.js";
import { DEV_LICENSOR_KEY } from "../fixtures/terms.js";
import { RELEASE_FILES, SHARED_ARTIFACTS, makeRelease, releaseTerms, sha256File, snapshot } from "./release-fixture.js";

const dirs: string[] = [];
async function release(options: Parameters<typeof makeRelease>[0] = {}): Promise<string> {
  const dir = await makeRelease(options);
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const STAMPABLE = Object.keys(RELEASE_FILES).filter((path) => /\.(safetensors|gguf)$/.test(path));
const readTerms = (dir: string) => parseTerms(readFileSync(join(dir, "omrl.json"), "utf8"));

describe("tagRelease --stamp on real safetensors and GGUF files", () => {
  let dir: string;
  let result: TagReleaseReturnType;
  const originalDigests = new Map<string, string>();

  beforeAll(async () => {
    dir = await release({ signed: true });
    const shared = createLocalFolderSource(SHARED_ARTIFACTS, { cache: false });
    for (const path of STAMPABLE) originalDigests.set(path, (await weightsDigest(shared, RELEASE_FILES[path]!)).digest);
    result = await tagRelease({ dir, stamp: true, cache: false });
  });

  it("stamps every safetensors and GGUF file and reports what it wrote", () => {
    expect(result.files.map((file) => file.path)).toEqual([...STAMPABLE].sort());
    expect(result.files.every((file) => file.stamped && !file.current)).toBe(true);
    expect(result.changedFiles).toEqual(["LICENSE.md", "omrl.json", ...STAMPABLE].sort());
    expect(result.termsCoreHash).toBe(hashTermsCore(releaseTerms()));
  });

  it("writes the licence and the terms core hash into each safetensors __metadata__", async () => {
    const source = createLocalFolderSource(dir, { cache: false });
    for (const path of STAMPABLE.filter((p) => p.endsWith(".safetensors"))) {
      const header = await parseSafetensorsHeader(source, path);
      expect(header.metadata, path).toMatchObject({
        license: "LicenseRef-OMRL-1.0",
        license_name: "omrl-1.0",
        license_link: "LICENSE.md",
        "omrl.terms_core_sha256": result.termsCoreHash,
      });
    }
  });

  it("writes general.license* and omrl.terms_core_sha256 into the GGUF, readable by @huggingface/gguf itself", async () => {
    const parsed = await gguf(join(dir, "model.gguf"), { allowLocalFile: true });
    const { tensorInfos } = parsed;
    const metadata = parsed.metadata as Record<string, unknown>;
    expect(metadata["general.license"]).toBe("LicenseRef-OMRL-1.0");
    expect(metadata["general.license.name"]).toBe("omrl-1.0");
    expect(metadata["general.license.link"]).toBe("LICENSE.md");
    expect(metadata["omrl.terms_core_sha256"]).toBe(result.termsCoreHash);
    const original = await gguf(join(SHARED_ARTIFACTS, RELEASE_FILES["model.gguf"]!), { allowLocalFile: true });
    expect(tensorInfos).toEqual(original.tensorInfos);
    expect(metadata["general.architecture"]).toBe(original.metadata["general.architecture"]);

    const viaSdk = await readGgufMetadata(createLocalFolderSource(dir, { cache: false }), "model.gguf");
    expect(viaSdk.licenseFields).toMatchObject({ license: "LicenseRef-OMRL-1.0", termsCoreHash: result.termsCoreHash });
  });

  it("leaves every weights digest (tensor data) unchanged while the whole-file digests change", async () => {
    const source = createLocalFolderSource(dir, { cache: false });
    for (const path of STAMPABLE) {
      expect((await weightsDigest(source, path)).digest, path).toBe(originalDigests.get(path));
      expect(sha256File(join(dir, path)), path).not.toBe(sha256File(join(SHARED_ARTIFACTS, RELEASE_FILES[path]!)));
    }
  });

  it("records the weights and the shard index with the sizes and sha256 of the files on disk, sorted, and nothing else", () => {
    const terms = readTerms(dir);
    expect(terms.model.artifacts).toEqual(result.artifacts);
    expect(result.artifacts.map((a) => a.path)).toEqual(Object.keys(RELEASE_FILES).sort());
    for (const artifact of result.artifacts) {
      const bytes = readFileSync(join(dir, artifact.path));
      expect(artifact.size).toBe(bytes.length);
      expect(artifact.sha256).toBe(sha256File(join(dir, artifact.path)));
    }
    expect(result.artifacts.some((a) => a.path === "config.json")).toBe(false);
  });

  it("removes the signature that no longer matches, keeps the rest of the terms, and re-renders LICENSE.md", async () => {
    const terms = readTerms(dir);
    expect(result.signatureRemoved).toBe(true);
    expect(result.signed).toBe(false);
    expect(terms.signature).toBeUndefined();
    expect((await verifyTermsSignature(terms)).reason).toBe("unsigned");
    const { model: _model, ...rest } = releaseTerms();
    const { model, ...after } = terms;
    expect(after).toEqual(rest);
    expect(model.name).toBe(releaseTerms().model.name);
    expect(hashTermsCore(terms)).toBe(result.termsCoreHash); // the stamp still matches the tagged terms
    const license = readFileSync(join(dir, "LICENSE.md"), "utf8");
    expect(license).toBe(renderLicense(terms));
    expect(license).toContain("including the files listed with their digests in the Terms File");
  });

  it("is idempotent: a second run writes nothing (same bytes, same mtimes, same inodes)", async () => {
    const before = snapshot(dir);
    const again = await tagRelease({ dir, stamp: true, cache: false });
    expect(again.changedFiles).toEqual([]);
    expect(again.artifactsChanged).toBe(false);
    expect(again.licenseWritten).toBe(false);
    expect(again.files.every((file) => file.current && !file.stamped)).toBe(true);
    expect(again.artifacts).toEqual(result.artifacts);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe("tagRelease without --stamp", () => {
  it("records the digests of the untouched files and reports that they carry no stamp", async () => {
    const dir = await release();
    const result = await tagRelease({ dir, stamp: false, cache: false });
    expect(result.files.every((file) => !file.current && !file.stamped)).toBe(true);
    for (const artifact of result.artifacts)
      expect(artifact.sha256).toBe(sha256File(join(SHARED_ARTIFACTS, RELEASE_FILES[artifact.path]!)));
    expect(result.changedFiles).toEqual(["LICENSE.md", "omrl.json"]);
  });

  it("keeps a signature that still matches, and drops it once a weight file changes", async () => {
    const dir = await release();
    await tagRelease({ dir, stamp: true, cache: false });
    const signed = await signTerms({ terms: readTerms(dir), account: privateKeyToAccount(DEV_LICENSOR_KEY) });
    writeFileSync(join(dir, "omrl.json"), `${JSON.stringify(signed, null, 2)}\n`);

    const unchanged = await tagRelease({ dir, stamp: false, cache: false });
    expect(unchanged).toMatchObject({ signed: true, signatureRemoved: false, changedFiles: [] });
    expect(unchanged.files.every((file) => file.current)).toBe(true);

    copyFileSync(join(SHARED_ARTIFACTS, "safetensors-samples/B.safetensors"), join(dir, "model.safetensors"));
    const changed = await tagRelease({ dir, stamp: false, cache: false });
    expect(changed).toMatchObject({ signed: false, signatureRemoved: true, changedFiles: ["omrl.json"] });
    expect(changed.files.find((file) => file.path === "model.safetensors")?.current).toBe(false);
    expect(readTerms(dir).signature).toBeUndefined();
  });

  it("re-stamps every file when the terms change, reporting progress for both phases", async () => {
    const dir = await release();
    const first = await tagRelease({ dir, stamp: true, cache: false });
    const edited = { ...readTerms(dir), useRestrictions: ["No spam.", "No phishing."] };
    writeFileSync(join(dir, "omrl.json"), JSON.stringify(edited));
    const events: TagProgress[] = [];
    const second = await tagRelease({ dir, stamp: true, cache: false, onProgress: (p) => events.push(p) });
    expect(second.termsCoreHash).not.toBe(first.termsCoreHash);
    expect(second.files.every((file) => !file.current && file.stamped)).toBe(true);
    expect(second.artifactsChanged).toBe(true);
    const header = await parseSafetensorsHeader(createLocalFolderSource(dir, { cache: false }), "model.safetensors");
    expect(header.metadata["omrl.terms_core_sha256"]).toBe(second.termsCoreHash);
    expect(readFileSync(join(dir, "LICENSE.md"), "utf8")).toContain("No phishing.");
    const stamps = events.filter((e) => e.phase === "stamp");
    expect(stamps.at(-1)).toMatchObject({ filesDone: STAMPABLE.length, filesTotal: STAMPABLE.length });
    const digests = events.filter((e) => e.phase === "digest");
    expect(digests.at(-1)).toMatchObject({ filesDone: 10, filesTotal: 10 });
  });

  it("records only what --include selects", async () => {
    const dir = await release();
    const result = await tagRelease({ dir, stamp: true, include: ["*.gguf"], cache: false });
    expect(result.artifacts.map((a) => a.path)).toEqual(["model.gguf"]);
    expect(result.files.map((file) => file.path)).toEqual(["model.gguf"]);
    expect(sha256File(join(dir, "model.safetensors"))).toBe(sha256File(join(SHARED_ARTIFACTS, RELEASE_FILES["model.safetensors"]!)));
  });
});

describe("tagRelease refuses bad input and writes nothing", () => {
  it.each([
    ["malformed/safetensors-cpp_abuse_attempt_1.header-len-exceeds-file.safetensors", "zz-hostile.safetensors"],
    ["malformed/ggml-vocab-llama-spm.utf8-mangled.gguf", "zz-mangled.gguf"],
    ["malformed/ollama-api-test.truncated.gguf", "zz-truncated.gguf"],
  ])("%s", async (from, path) => {
    const dir = await release({ signed: true });
    copyFileSync(join(SHARED_ARTIFACTS, from), join(dir, path));
    const before = snapshot(dir);
    const error = await tagRelease({ dir, stamp: true, cache: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TagError);
    expect((error as TagError).path).toBe(path);
    expect((error as TagError).shortMessage).toContain(path);
    expect(snapshot(dir)).toEqual(before);
  });

  it("a Git LFS pointer where a weight file should be", async () => {
    const dir = await release();
    const pointer = `version https://git-lfs.github.com/spec/v1\noid sha256:${"ab".repeat(32)}\nsize 123456789\n`;
    writeFileSync(join(dir, "pytorch_model.bin"), pointer);
    const before = snapshot(dir);
    await expect(tagRelease({ dir, stamp: true, cache: false })).rejects.toThrow(/pytorch_model\.bin is a Git LFS pointer/);
    expect(snapshot(dir)).toEqual(before);
  });

  it("no omrl.json, invalid terms, no artifacts", async () => {
    const dir = await release();
    writeFileSync(join(dir, "omrl.json"), JSON.stringify({ ...releaseTerms(), omrl: "2.0" }));
    await expect(tagRelease({ dir, stamp: true, cache: false })).rejects.toBeInstanceOf(InvalidTermsError);
    rmSync(join(dir, "omrl.json"));
    await expect(tagRelease({ dir, stamp: true, cache: false })).rejects.toThrow(/omrl\.json does not exist/);
    writeFileSync(join(dir, "omrl.json"), JSON.stringify(releaseTerms()));
    await expect(tagRelease({ dir, stamp: true, include: ["*.onnx"], cache: false })).rejects.toThrow(/no artifacts/);
  });
});
