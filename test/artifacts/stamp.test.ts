import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ArtifactParseError,
  parseSafetensorsHeader,
  readGgufMetadata,
  scanGgufLayout,
  stampGgufHeader,
  stampSafetensorsHeader,
  weightsDigest,
} from "../../src/artifacts/index.js";
import { nodeSha256, stampArtifactFile } from "../../src/artifacts/node/index.js";
import { bytesSource, folderSource, SHARED_ARTIFACTS } from "./bytes-source.js";
import { buildGguf } from "./gguf-builder.js";

const termsCoreHash = `0x${"5a".repeat(32)}` as const;
let dir: string;

function listWeights(root: string): string[] {
  const out: string[] = [];
  const walk = (sub: string) => {
    for (const entry of readdirSync(join(root, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else if (/\.(safetensors|gguf)$/.test(entry.name) && !rel.startsWith("malformed/")) out.push(rel);
    }
  };
  walk("");
  return out.sort();
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "omrl-stamp-"));
  cpSync(SHARED_ARTIFACTS, dir, { recursive: true });
  // the copies must be writable; shared/ is read-only and must stay untouched
  for (const file of listWeights(dir)) writeFileSync(join(dir, file), readFileSync(join(dir, file)), { mode: 0o644 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const files = listWeights(SHARED_ARTIFACTS);

describe("stampArtifactFile on every real file", () => {
  it("finds the real files", () => {
    expect(files.filter((file) => file.endsWith(".gguf"))).toHaveLength(8);
    expect(files.filter((file) => file.endsWith(".safetensors")).length).toBeGreaterThanOrEqual(22);
  });

  it.each(files)("%s: stamped, reparsed, weights digest unchanged", async (file) => {
    const local = folderSource(dir);
    const before = await weightsDigest(local, file);
    const wholeBefore = createHash("sha256").update(readFileSync(join(dir, file))).digest("hex");

    const result = await stampArtifactFile(join(dir, file), { termsCoreHash });
    expect(result.changed).toBe(true);
    expect(result.weightsDigest).toBe(before.digest);
    expect(statSync(join(dir, file)).size).toBe(result.sizeAfter);
    const wholeAfter = createHash("sha256").update(readFileSync(join(dir, file))).digest("hex");
    expect(wholeAfter).not.toBe(wholeBefore); // stamping changes the file…
    const after = await weightsDigest(local, file);
    expect(after.digest).toBe(before.digest); // …but not the weights
    expect(after.dataLength).toBe(before.dataLength);

    if (file.endsWith(".safetensors")) {
      const original = await parseSafetensorsHeader(folderSource(SHARED_ARTIFACTS), file);
      const header = await parseSafetensorsHeader(local, file);
      expect(header.metadata).toEqual({
        ...original.metadata,
        license: "LicenseRef-OMRL-1.0",
        license_name: "omrl-1.0",
        license_link: "LICENSE.md",
        "omrl.terms_core_sha256": termsCoreHash,
      });
      expect(header.tensors).toEqual(original.tensors);
      expect(header.headerLength % 8).toBe(0);
    } else {
      // @huggingface/gguf (llama.cpp's reader's JS twin) still parses it, with every original key intact
      const original = await readGgufMetadata(folderSource(SHARED_ARTIFACTS), file);
      const meta = await readGgufMetadata(local, file);
      expect(meta.licenseFields).toMatchObject({
        license: "LicenseRef-OMRL-1.0",
        licenseName: "omrl-1.0",
        licenseLink: "LICENSE.md",
        termsCoreHash,
      });
      for (const [key, value] of Object.entries(original.kv)) expect(meta.kv[key]).toEqual(value);
      expect(Object.keys(meta.kv)).toHaveLength(Object.keys(original.kv).length + 4);
      expect(meta.tensorInfos).toEqual(original.tensorInfos);
      expect(meta.tensorDataOffset % 32).toBe(0);
    }
    // no temporary file left behind
    expect(readdirSync(join(dir, file, "..")).some((name) => name.endsWith(".tmp"))).toBe(false);
  });

  it("nodeSha256 and the portable default give the same digest", async () => {
    const source = folderSource(SHARED_ARTIFACTS);
    const file = "safetensors-candle/voices.safetensors";
    const portable = await weightsDigest(source, file, { chunkSize: 1000 });
    const node = await weightsDigest(source, file, { createHash: nodeSha256 });
    expect(node.digest).toBe(portable.digest);
    const bytes = readFileSync(join(SHARED_ARTIFACTS, file));
    expect(portable.digest).toBe(createHash("sha256").update(bytes.subarray(portable.dataOffset)).digest("hex"));
  });

  it("the tensor bytes of the stamped tiny llama are byte-identical to the original's", async () => {
    const file = "gguf-ollama/llama-2-tiny-random.gguf";
    const original = readFileSync(join(SHARED_ARTIFACTS, file));
    const stamped = readFileSync(join(dir, file));
    const a = await scanGgufLayout(bytesSource({ f: original }), "f");
    const b = await scanGgufLayout(bytesSource({ f: stamped }), "f");
    expect(b.tensorDataOffset).toBeGreaterThan(a.tensorDataOffset);
    expect(Buffer.compare(original.subarray(a.tensorDataOffset), stamped.subarray(b.tensorDataOffset))).toBe(0);
  });

  it("stamping again with the same values leaves the file alone; new values replace the old ones", async () => {
    const file = join(dir, "safetensors-samples/overall.safetensors");
    const bytes = readFileSync(file);
    const again = await stampArtifactFile(file, { termsCoreHash });
    expect(again.changed).toBe(false);
    expect(Buffer.compare(readFileSync(file), bytes)).toBe(0);

    const other = `0x${"01".repeat(32)}` as const;
    const gguf = join(dir, "gguf-ollama/llama-2-tiny-random.gguf");
    const keysBefore = Object.keys((await readGgufMetadata(folderSource(dir), "gguf-ollama/llama-2-tiny-random.gguf")).kv).length;
    expect((await stampArtifactFile(gguf, { termsCoreHash: other, licenseLink: "https://example.org/LICENSE.md" })).changed).toBe(true);
    const meta = await readGgufMetadata(folderSource(dir), "gguf-ollama/llama-2-tiny-random.gguf");
    expect(Object.keys(meta.kv)).toHaveLength(keysBefore); // replaced in place, not duplicated
    expect(meta.licenseFields.termsCoreHash).toBe(other);
    expect(meta.licenseFields.licenseLink).toBe("https://example.org/LICENSE.md");
  });

  it("refuses a malformed file without touching it, and a malformed hash", async () => {
    const file = join(dir, "malformed/safetensors-cpp_abuse_attempt_1.header-len-exceeds-file.safetensors");
    writeFileSync(file, readFileSync(file), { mode: 0o644 });
    const bytes = readFileSync(file);
    await expect(stampArtifactFile(file, { termsCoreHash })).rejects.toBeInstanceOf(ArtifactParseError);
    expect(Buffer.compare(readFileSync(file), bytes)).toBe(0);
    await expect(stampArtifactFile(join(dir, "safetensors-samples/B.safetensors"), { termsCoreHash: "0x12" as `0x${string}` })).rejects.toThrow(
      /termsCoreHash/,
    );
  });
});

describe("stamping cores", () => {
  it("stampSafetensorsHeader pads with spaces to 8 bytes like the reference writer", () => {
    const json = new TextEncoder().encode('{"a":{"dtype":"U8","shape":[3],"data_offsets":[0,3]}}');
    const { bytes, oldDataOffset, changed } = stampSafetensorsHeader({ headerBytes: json, fileSize: 8 + json.length + 3, values: { termsCoreHash } });
    expect(changed).toBe(true);
    expect(oldDataOffset).toBe(8 + json.length);
    const length = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(length).toBe(bytes.length - 8);
    expect(length % 8).toBe(0);
    const text = new TextDecoder().decode(bytes.subarray(8));
    expect(text.trimEnd().length).toBeLessThanOrEqual(length);
    expect(/^ *$/.test(text.slice(text.trimEnd().length))).toBe(true);
    expect(JSON.parse(text).__metadata__["omrl.terms_core_sha256"]).toBe(termsCoreHash);
  });

  it("a tensor named __proto__ survives stamping", () => {
    const json = new TextEncoder().encode('{"__proto__":{"dtype":"U8","shape":[2],"data_offsets":[0,2]}}');
    const { bytes } = stampSafetensorsHeader({ headerBytes: json, fileSize: 8 + json.length + 2, values: { termsCoreHash } });
    const text = new TextDecoder().decode(bytes.subarray(8));
    expect(text).toContain('"__proto__":{"dtype":"U8"');
  });

  it("stampGgufHeader keeps general.alignment and unusual value types byte for byte", async () => {
    const data = new Uint8Array(64).map((_, i) => i);
    const file = buildGguf({
      alignment: 64,
      kv: [
        { key: "general.alignment", u32: 64 },
        { key: "general.license", u64: 7n }, // wrong type: replaced by a string
        { key: "x.u64", u64: 2n ** 63n + 5n },
      ],
      tensors: [{ name: "w", shape: [16], type: 0, offset: 0n }],
      data,
    });
    const source = bytesSource({ "a.gguf": file });
    const layout = await scanGgufLayout(source, "a.gguf");
    expect(layout.alignment).toBe(64);
    const header = await source.readRange("a.gguf", 0, layout.tensorInfoEnd);
    const { bytes } = stampGgufHeader({ layout, headerBytes: header, values: { termsCoreHash } });
    expect(bytes.length % 64).toBe(0);
    const stamped = new Uint8Array(bytes.length + data.length);
    stamped.set(bytes);
    stamped.set(data, bytes.length);
    const meta = await readGgufMetadata(bytesSource({ "b.gguf": stamped }), "b.gguf");
    expect(meta.kv["general.license"]).toBe("LicenseRef-OMRL-1.0");
    expect(meta.kv["x.u64"]).toBe(2n ** 63n + 5n);
    expect(meta.tensorDataOffset).toBe(bytes.length);
    expect(Object.keys(meta.kv)).toEqual(["general.alignment", "general.license", "x.u64", "general.license.name", "general.license.link", "omrl.terms_core_sha256"]);
    expect((await weightsDigest(bytesSource({ "b.gguf": stamped }), "b.gguf")).digest).toBe(
      (await weightsDigest(source, "a.gguf")).digest,
    );
  });
});
