import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gguf } from "@huggingface/gguf";
import { describe, expect, it } from "vitest";
import { ArtifactParseError, readGgufMetadata, scanGgufLayout, sourceRangeFetch } from "../../src/artifacts/index.js";
import { bytesSource, folderSource, SHARED_ARTIFACTS } from "./bytes-source.js";
import { buildGguf, concat, str, u32, u64 } from "./gguf-builder.js";

type Recorded = { size: number; version?: number; tensor_count?: string; kv_count?: string; keys?: Record<string, { type: number; value: unknown }>; error?: string };
const recorded = JSON.parse(readFileSync(join(SHARED_ARTIFACTS, "gguf_metadata.json"), "utf8")) as Record<string, Recorded>;
const shared = folderSource(SHARED_ARTIFACTS);
const valid = Object.entries(recorded).filter(([file, entry]) => entry.error === undefined && !file.includes("malformed"));

async function failure(read: () => Promise<unknown>): Promise<ArtifactParseError> {
  const error = await read().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ArtifactParseError);
  return error as ArtifactParseError;
}

/** Both readers (the library-backed one and the exact layout walker) on the same bytes. */
async function bothReasons(bytes: Uint8Array): Promise<[string, string]> {
  const source = bytesSource({ "x.gguf": bytes });
  const a = await failure(() => readGgufMetadata(source, "x.gguf"));
  const b = await failure(() => scanGgufLayout(source, "x.gguf"));
  expect(a.path).toBe("x.gguf");
  return [a.reason, b.reason];
}

describe("readGgufMetadata on the real files", () => {
  it.each(valid)("%s matches the recorded key/values", async (file, entry) => {
    const path = file.slice(2);
    const meta = await readGgufMetadata(shared, path);
    expect(meta.version).toBe(entry.version);
    expect(meta.fileSize).toBe(entry.size);
    expect(String(meta.tensorCount)).toBe(entry.tensor_count);
    const keys = Object.keys(entry.keys!).filter((key) => !["version", "tensor_count", "kv_count"].includes(key));
    expect(Object.keys(meta.kv)).toEqual(keys);
    expect(keys).toHaveLength(Number(entry.kv_count));
    for (const key of keys) {
      const { type, value } = entry.keys![key]!;
      expect(meta.kvTypes[key]!.type).toBe(type);
      if (type === 8 && String(value).endsWith("...")) expect(String(meta.kv[key]).startsWith(String(value).slice(0, -3))).toBe(true);
      else if (type === 8 || type === 4 || type === 5 || type === 7) expect(meta.kv[key]).toBe(value);
      if (type === 6) expect(meta.kv[key]).toBeCloseTo(value as number, 12);
      if (type === 9) expect((meta.kv[key] as unknown[]).length).toBe(Number(/len=(\d+)/.exec(String(value))![1]));
    }
    // none of the real files carries licence keys (NOTES.md)
    expect(meta.licenseFields).toEqual({ baseModels: [], source: {} });

    const layout = await scanGgufLayout(shared, path);
    expect(layout.entries.map((e) => e.key)).toEqual(keys);
    expect(layout.tensorDataOffset).toBe(meta.tensorDataOffset);
    expect(layout.tensorInfoEnd).toBe(meta.tensorInfoByteRange[1]);
    expect(layout.tensors.map((t) => t.name)).toEqual(meta.tensorInfos.map((t) => t.name));
  });

  it("the real 6-byte truncated file is one `truncated` error (the library alone accepts it)", async () => {
    const path = "malformed/ollama-api-test.truncated.gguf";
    const bytes = readFileSync(join(SHARED_ARTIFACTS, path));
    const alone = await gguf("https://x.invalid/t.gguf", { fetch: sourceRangeFetch(bytesSource({ t: bytes }), "t", bytes.length) });
    expect(alone.metadata.version).toBe(2); // what the library makes of zero padding
    const error = await failure(() => readGgufMetadata(shared, path));
    expect(error.reason).toBe("truncated");
    expect((await failure(() => scanGgufLayout(shared, path))).reason).toBe("truncated");
  });

  it("the real UTF-8-mangled file is rejected by both readers", async () => {
    const path = "malformed/ggml-vocab-llama-spm.utf8-mangled.gguf";
    const error = await failure(() => readGgufMetadata(shared, path));
    expect(error.reason).toBe("count-too-large");
    expect(error.message).toContain("73939795391");
    expect((await failure(() => scanGgufLayout(shared, path))).reason).toBe("count-too-large");
  });

  it("a real file cut in half is `truncated` for both readers", async () => {
    const bytes = readFileSync(join(SHARED_ARTIFACTS, "gguf-llamacpp-vocab/ggml-vocab-bert-bge.gguf"));
    for (const cut of [30, 1000, Math.floor(bytes.length / 2), bytes.length - 1]) {
      const [a, b] = await bothReasons(bytes.subarray(0, cut));
      expect(a).toBe("truncated");
      expect(b).toBe("truncated");
    }
  });
});

describe("hostile GGUF files", () => {
  it("a key/value count of 2^40 is refused before reading on", async () => {
    const bytes = buildGguf({ kvCount: 2n ** 40n });
    expect(await bothReasons(bytes)).toEqual(["count-too-large", "count-too-large"]);
    const source = bytesSource({ "x.gguf": bytes });
    await failure(() => scanGgufLayout(source, "x.gguf"));
    expect(Math.max(...source.reads.map(([, start]) => start))).toBeLessThan(24);
  });
  it("a tensor count of 2^40, and one merely too big for the file", async () => {
    expect(await bothReasons(buildGguf({ tensorCount: 2n ** 40n }))).toEqual(["count-too-large", "count-too-large"]);
    expect(await bothReasons(buildGguf({ tensorCount: 1000n }))).toEqual(["truncated", "truncated"]);
  });
  it("a string of 2^60 bytes (as a key and as a value)", async () => {
    const asKey = concat([new TextEncoder().encode("GGUF"), u32(3), u64(0n), u64(1n), u64(2n ** 60n), new Uint8Array(64)]);
    expect(await bothReasons(asKey)).toEqual(["count-too-large", "count-too-large"]);
    const asValue = buildGguf({ kv: [{ key: "general.name", raw: concat([u64(2n ** 60n), new Uint8Array(32)]), type: 8 }] });
    expect(await bothReasons(asValue)).toEqual(["count-too-large", "count-too-large"]);
  });
  it("an array of 2^40 elements", async () => {
    const bytes = buildGguf({ kv: [{ key: "tokenizer.ggml.tokens", raw: concat([u32(8), u64(2n ** 40n), str("a")]), type: 9 }] });
    expect(await bothReasons(bytes)).toEqual(["count-too-large", "count-too-large"]);
  });
  it("a string value running past the end of the file", async () => {
    const bytes = buildGguf({ kv: [{ key: "general.name", raw: concat([u64(5000n), new TextEncoder().encode("abc")]), type: 8 }] });
    expect(await bothReasons(bytes)).toEqual(["truncated", "truncated"]);
  });
  it("bad magic, unsupported version, unknown value type", async () => {
    expect(await bothReasons(new TextEncoder().encode("GGML0000000000000000000000"))).toEqual(["bad-magic", "bad-magic"]);
    expect(await bothReasons(buildGguf({ version: 7 }))).toEqual(["unsupported-version", "unsupported-version"]);
    const unknownType = buildGguf({ kv: [{ key: "x", raw: new Uint8Array(8), type: 99 }] });
    expect(await bothReasons(unknownType)).toEqual(["invalid-gguf", "invalid-gguf"]);
  });
  it("tensors outside the data section, overlapping, or misaligned", async () => {
    const f32 = (name: string, offset: bigint, n = 8) => ({ name, shape: [n], type: 0, offset });
    const source = (tensors: ReturnType<typeof f32>[], dataBytes: number) =>
      bytesSource({ "x.gguf": buildGguf({ tensors, data: new Uint8Array(dataBytes) }) });
    await expect(readGgufMetadata(source([f32("a", 0n), f32("b", 32n)], 64), "x.gguf")).resolves.toMatchObject({ tensorCount: 2 });
    expect((await failure(() => readGgufMetadata(source([f32("a", 0n), f32("b", 64n)], 64), "x.gguf"))).reason).toBe("invalid-gguf");
    expect((await failure(() => readGgufMetadata(source([f32("a", 0n, 16), f32("b", 32n)], 64), "x.gguf"))).reason).toBe("invalid-gguf");
    expect((await failure(() => readGgufMetadata(source([f32("a", 4n)], 64), "x.gguf"))).reason).toBe("invalid-gguf");
  });
});

describe("licence and provenance keys", () => {
  it("extracts general.license*, base models and the legacy hugginface source key", async () => {
    const bytes = buildGguf({
      kv: [
        { key: "general.architecture", string: "llama" },
        { key: "general.license", string: "apache-2.0" },
        { key: "general.license.name", string: "omrl-1.0" },
        { key: "general.license.link", string: "LICENSE.md" },
        { key: "general.base_model.count", u32: 2 },
        { key: "general.base_model.0.name", string: "Llama 3.1 8B" },
        { key: "general.base_model.0.repo_url", string: "https://huggingface.co/meta-llama/Llama-3.1-8B" },
        { key: "general.base_model.1.name", string: "Qwen2.5" },
        { key: "general.source.hugginface.repository", string: "org/model" },
        { key: "general.source.url", string: "https://example.org" },
        { key: "omrl.terms_core_sha256", string: `0x${"ab".repeat(32)}` },
      ],
    });
    const meta = await readGgufMetadata(bytesSource({ "m.gguf": bytes }), "m.gguf");
    expect(meta.licenseFields).toEqual({
      license: "apache-2.0",
      licenseName: "omrl-1.0",
      licenseLink: "LICENSE.md",
      termsCoreHash: `0x${"ab".repeat(32)}`,
      baseModelCount: 2,
      baseModels: [{ name: "Llama 3.1 8B", repo_url: "https://huggingface.co/meta-llama/Llama-3.1-8B" }, { name: "Qwen2.5" }],
      source: { "hugginface.repository": "org/model", url: "https://example.org" },
      sourceHuggingFaceRepository: "org/model",
    });
  });
});
