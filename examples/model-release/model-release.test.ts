import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gguf } from "@huggingface/gguf";
import { afterAll, describe, expect, it } from "vitest";
import { parseSafetensorsHeader, readGgufMetadata, weightsDigest } from "../../src/artifacts/index.js";
import { createLocalFolderSource } from "../../src/sources/node.js";
import { hashTermsCore, parseTerms, renderLicense, verifyTermsSignature } from "../../src/terms/index.js";
import { runOmrl } from "../../test/helpers/cli.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const script = fileURLToPath(new URL("../../scripts/build-example-release.mjs", import.meta.url));
const GENERATED_FILES = ["README.md", "LICENSE.md", "LICENSE-APACHE-2.0.txt", "omrl.json", "model.safetensors", "model.gguf"];
const temp = mkdtempSync(join(tmpdir(), "omrl-example-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const terms = parseTerms(readFileSync(join(here, "omrl.json"), "utf8"));

describe("examples/model-release", () => {
  it("passes omrl validate (schema, semantics, the licensor's signature)", async () => {
    const result = await runOmrl(["validate", here]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const signature = await verifyTermsSignature(terms);
    expect(signature).toMatchObject({ valid: true, byLicensor: true, signer: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266" });
  });

  it("is tagged: both weight files carry the terms core hash, and omrl.json their sizes and sha256", async () => {
    const source = createLocalFolderSource(here, { cache: false });
    const core = hashTermsCore(terms);
    const header = await parseSafetensorsHeader(source, "model.safetensors");
    expect(header.metadata).toEqual({
      format: "pt",
      license: "LicenseRef-OMRL-1.0",
      license_name: "omrl-1.0",
      license_link: "LICENSE.md",
      "omrl.terms_core_sha256": core,
    });
    const raw = (await gguf(join(here, "model.gguf"), { allowLocalFile: true })).metadata as Record<string, unknown>;
    expect(raw["general.license"]).toBe("LicenseRef-OMRL-1.0");
    expect(raw["omrl.terms_core_sha256"]).toBe(core);
    expect((await readGgufMetadata(source, "model.gguf")).tensorInfos.map((t) => t.name)).toEqual([
      "token_embd.weight",
      "blk.0.attn_q.weight",
      "output_norm.weight",
    ]);
    for (const path of ["model.gguf", "model.safetensors"]) expect((await weightsDigest(source, path)).dataLength).toBeGreaterThan(1000);

    expect(terms.model.artifacts?.map((a) => a.path)).toEqual(["model.gguf", "model.safetensors"]);
    for (const artifact of terms.model.artifacts ?? []) {
      const bytes = readFileSync(join(here, artifact.path));
      expect(artifact.size).toBe(bytes.length);
      expect(bytes.length).toBeLessThan(8192);
      expect(artifact.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    }
    expect(readFileSync(join(here, "LICENSE.md"), "utf8")).toBe(renderLicense(terms));
    expect(terms.upstream).toEqual([{ repo: "HuggingFaceTB/SmolLM2-135M", license: "apache-2.0", relation: "finetune" }]);
  });

  it("omrl verify finds the committed example compliant (upstream Apache-2.0 text shipped)", async () => {
    const result = await runOmrl(["verify", here, "--no-digests"]);
    expect(result.stdout).toContain("✓ compliant");
    expect(result.code).toBe(0);
  });

  it("omrl tag on the committed example changes nothing", async () => {
    const result = await runOmrl(["tag", here, "--stamp", "--no-cache", "--format", "json"]);
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { changedFiles: string[] }).changedFiles).toEqual([]);
  });

  it("scripts/build-example-release.mjs reproduces the committed files byte for byte", () => {
    const built = spawnSync(process.execPath, [script, temp], { encoding: "utf8" });
    expect(built.status, built.stderr).toBe(0);
    for (const file of GENERATED_FILES)
      expect(Buffer.compare(readFileSync(join(temp, file)), readFileSync(join(here, file))), file).toBe(0);
  });
});
