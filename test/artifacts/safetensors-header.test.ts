import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { OmrlError } from "../../src/errors.js";
import { ArtifactParseError, parseSafetensorsHeader, parseSafetensorsIndex } from "../../src/artifacts/index.js";
import { bytesSource, folderSource, SHARED_ARTIFACTS } from "./bytes-source.js";

type Expected = {
  size: number;
  header_len: number;
  __metadata__?: Record<string, string> | null;
  tensors?: number;
  dtypes?: string[];
  data_bytes_actual?: number;
  error?: string;
};
const expected = JSON.parse(readFileSync(join(SHARED_ARTIFACTS, "safetensors_metadata.json"), "utf8")) as Record<string, Expected>;
const shared = folderSource(SHARED_ARTIFACTS);

/** Builds a safetensors file: 8-byte LE length + header JSON (+ given data). */
function build(header: unknown, data: Uint8Array = new Uint8Array(0), declaredLength?: bigint): Uint8Array {
  const json = new TextEncoder().encode(typeof header === "string" ? header : JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, declaredLength ?? BigInt(json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

async function reasonOf(bytes: Uint8Array): Promise<string> {
  const source = bytesSource({ "x.safetensors": bytes });
  try {
    await parseSafetensorsHeader(source, "x.safetensors");
  } catch (error) {
    expect(error).toBeInstanceOf(ArtifactParseError);
    expect(error).toBeInstanceOf(OmrlError);
    expect((error as ArtifactParseError).path).toBe("x.safetensors");
    return (error as ArtifactParseError).reason;
  }
  return "ok";
}

describe("parseSafetensorsHeader on the real files", () => {
  const valid = Object.entries(expected).filter(([, entry]) => entry.error === undefined);
  it.each(valid)("%s matches the recorded header", async (file, entry) => {
    const header = await parseSafetensorsHeader(shared, file.slice(2));
    expect(header.fileSize).toBe(entry.size);
    expect(header.headerLength).toBe(entry.header_len);
    expect(header.dataOffset).toBe(8 + entry.header_len);
    expect(header.tensors).toHaveLength(entry.tensors!);
    expect([...new Set(header.tensors.map((tensor) => tensor.dtype))].sort()).toEqual([...entry.dtypes!].sort());
    expect(header.fileSize - header.dataOffset).toBe(entry.data_bytes_actual);
    expect(header.hasMetadata).toBe(entry.__metadata__ !== null);
    expect(header.metadata).toEqual(entry.__metadata__ ?? {});
  });

  it("reads only the prefix and the header, never the tensor data", async () => {
    const bytes = readFileSync(join(SHARED_ARTIFACTS, "safetensors-candle/voices.safetensors"));
    const source = bytesSource({ "v.safetensors": bytes });
    const header = await parseSafetensorsHeader(source, "v.safetensors", { fileSize: bytes.length });
    expect(source.reads.every(([, , end]) => end <= header.dataOffset)).toBe(true);
  });

  it("rejects the real header-length-exceeds-file abuse file", async () => {
    const file = "malformed/safetensors-cpp_abuse_attempt_1.header-len-exceeds-file.safetensors";
    const error = await parseSafetensorsHeader(shared, file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ArtifactParseError);
    expect(error).toMatchObject({ reason: "header-length-exceeds-file", path: file, offset: 0 });
    expect((error as Error).message).toContain("1000");
  });
});

describe("parseSafetensorsHeader on hostile files", () => {
  const f32x2 = { a: { dtype: "F32", shape: [2], data_offsets: [0, 8] } };

  it("accepts a minimal valid file and picks out licence fields", async () => {
    const header = { __metadata__: { "modelspec.license": "CreativeML-OpenRAIL-M", "omrl.terms_core_sha256": "0xab" }, ...f32x2 };
    const source = bytesSource({ "x.safetensors": build(header, new Uint8Array(8)) });
    const parsed = await parseSafetensorsHeader(source, "x.safetensors");
    expect(parsed.tensors).toEqual([{ name: "a", dtype: "F32", shape: [2], dataOffsets: [0, 8] }]);
    expect(parsed.licenseFields).toEqual({ license: "CreativeML-OpenRAIL-M", termsCoreHash: "0xab" });
  });

  it("header length 2^63 is header-too-large, without allocating", async () => {
    expect(await reasonOf(build(f32x2, new Uint8Array(8), 2n ** 63n))).toBe("header-too-large");
    expect(await reasonOf(build(f32x2, new Uint8Array(8), 2n ** 64n - 1n))).toBe("header-too-large");
  });
  it("a 10 GB header claim is header-too-large; 100 MB + 1 too", async () => {
    expect(await reasonOf(build(f32x2, new Uint8Array(8), 10_000_000_000n))).toBe("header-too-large");
    expect(await reasonOf(build(f32x2, new Uint8Array(8), 100_000_001n))).toBe("header-too-large");
  });
  it("a header length past the end of the file is header-length-exceeds-file", async () => {
    expect(await reasonOf(build(f32x2, new Uint8Array(8), 5000n))).toBe("header-length-exceeds-file");
  });
  it("a file shorter than 8 bytes is truncated", async () => {
    expect(await reasonOf(new Uint8Array([1, 0, 0]))).toBe("truncated");
  });
  it("invalid JSON, non-object JSON, non-UTF-8, leading space", async () => {
    expect(await reasonOf(build('{"a": '))).toBe("invalid-json");
    expect(await reasonOf(build("[1,2]"))).toBe("invalid-header");
    expect(await reasonOf(build(" {}"))).toBe("invalid-header");
    const bad = build("{}  ");
    bad[9] = 0xff;
    expect(await reasonOf(bad)).toBe("invalid-utf8");
  });
  it("__metadata__ must map strings to strings", async () => {
    expect(await reasonOf(build({ __metadata__: { n: 1 } }))).toBe("invalid-metadata");
    expect(await reasonOf(build({ __metadata__: ["x"] }))).toBe("invalid-metadata");
    expect(await reasonOf(build({ __metadata__: null }))).toBe("ok");
  });
  it("overlapping offsets", async () => {
    const header = {
      a: { dtype: "F32", shape: [2], data_offsets: [0, 8] },
      b: { dtype: "F32", shape: [2], data_offsets: [4, 12] },
    };
    expect(await reasonOf(build(header, new Uint8Array(12)))).toBe("invalid-offsets");
  });
  it("a gap between tensors, offsets past the data, reversed and fractional offsets", async () => {
    const gap = {
      a: { dtype: "U8", shape: [4], data_offsets: [0, 4] },
      b: { dtype: "U8", shape: [4], data_offsets: [8, 12] },
    };
    expect(await reasonOf(build(gap, new Uint8Array(12)))).toBe("invalid-offsets");
    expect(await reasonOf(build({ a: { dtype: "U8", shape: [16], data_offsets: [0, 16] } }, new Uint8Array(8)))).toBe("invalid-offsets");
    expect(await reasonOf(build({ a: { dtype: "U8", shape: [0], data_offsets: [4, 0] } }, new Uint8Array(4)))).toBe("invalid-offsets");
    expect(await reasonOf(build({ a: { dtype: "U8", shape: [1], data_offsets: [0, 1.5] } }, new Uint8Array(1)))).toBe("invalid-offsets");
    expect(await reasonOf(build({ a: { dtype: "U8", shape: [1], data_offsets: [0, 2 ** 60] } }, new Uint8Array(1)))).toBe("invalid-offsets");
  });
  it("trailing bytes the tensors do not cover are incomplete-data", async () => {
    expect(await reasonOf(build(f32x2, new Uint8Array(9)))).toBe("incomplete-data");
  });
  it("unknown dtype, shape × dtype mismatch, sub-byte dtypes", async () => {
    expect(await reasonOf(build({ a: { dtype: "F128", shape: [1], data_offsets: [0, 16] } }, new Uint8Array(16)))).toBe("unknown-dtype");
    expect(await reasonOf(build({ a: { dtype: "F32", shape: [3], data_offsets: [0, 8] } }, new Uint8Array(8)))).toBe("size-mismatch");
    expect(await reasonOf(build({ a: { dtype: "F4", shape: [4], data_offsets: [0, 2] } }, new Uint8Array(2)))).toBe("ok");
    expect(await reasonOf(build({ a: { dtype: "F4", shape: [3], data_offsets: [0, 2] } }, new Uint8Array(2)))).toBe("size-mismatch");
    // a shape whose product overflows 2^64 must not wrap around to a plausible size
    expect(await reasonOf(build({ a: { dtype: "U8", shape: [2 ** 32, 2 ** 32], data_offsets: [0, 0] } }))).toBe("size-mismatch");
  });
  it("bad shape values", async () => {
    expect(await reasonOf(build({ a: { dtype: "U8", shape: [-1], data_offsets: [0, 0] } }))).toBe("invalid-header");
    expect(await reasonOf(build({ a: { dtype: "U8", shape: "4", data_offsets: [0, 4] } }, new Uint8Array(4)))).toBe("invalid-header");
  });
});

describe("parseSafetensorsIndex", () => {
  it("parses the real sharded index", () => {
    const text = readFileSync(join(SHARED_ARTIFACTS, "safetensors-fluxml/sharded/model.safetensors.index.json"), "utf8");
    const index = parseSafetensorsIndex(text);
    expect(index.shards).toEqual(Array.from({ length: 6 }, (_, i) => `model-0000${i + 1}-of-00006.safetensors`).filter((shard) => index.shards.includes(shard)));
    expect(index.shards).toHaveLength(6);
    expect(Object.keys(index.weightMap).length).toBeGreaterThan(30);
  });
  it("the index's tensors are exactly the shards' tensors", async () => {
    const text = readFileSync(join(SHARED_ARTIFACTS, "safetensors-fluxml/sharded/model.safetensors.index.json"), "utf8");
    const index = parseSafetensorsIndex(text);
    for (const shard of index.shards) {
      const header = await parseSafetensorsHeader(shared, `safetensors-fluxml/sharded/${shard}`);
      const names = Object.entries(index.weightMap).filter(([, file]) => file === shard).map(([name]) => name).sort();
      expect(header.tensors.map((tensor) => tensor.name).sort()).toEqual(names);
    }
  });
  it("rejects escaping shard paths and malformed shapes", () => {
    const reason = (text: string) => {
      try {
        parseSafetensorsIndex(text, { path: "i.json" });
        return "ok";
      } catch (error) {
        expect(error).toBeInstanceOf(ArtifactParseError);
        return (error as ArtifactParseError).reason;
      }
    };
    expect(reason('{"weight_map":{"a":"../../etc/passwd"}}')).toBe("invalid-index");
    expect(reason('{"weight_map":{"a":"/abs.safetensors"}}')).toBe("invalid-index");
    expect(reason('{"weight_map":{"a":1}}')).toBe("invalid-index");
    expect(reason('{"metadata":{}}')).toBe("invalid-index");
    expect(reason("[")).toBe("invalid-index");
    expect(reason('{"metadata":{"total_size":12},"weight_map":{"a":"s/x.safetensors"}}')).toBe("ok");
  });
});
