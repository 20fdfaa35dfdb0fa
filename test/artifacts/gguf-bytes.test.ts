import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gguf } from "@huggingface/gguf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ArtifactParseError, readGgufMetadata, scanGgufLayout, sourceRangeFetch } from "../../src/artifacts/index.js";
import { createPrefixCache } from "../../src/artifacts/prefix-cache.js";
import { openHubSource } from "../../src/index.js";
import type { ModelSource } from "../../src/sources/index.js";
import { commitSha, startHubServer, type HubServer } from "../helpers/hub-server/index.js";
import { bytesSource, folderSource, SHARED_ARTIFACTS } from "./bytes-source.js";
import { buildGguf, concat, str, u32, u64 } from "./gguf-builder.js";

const KiB = 1024;
const MiB = 1024 * KiB;

/** Wraps a source and records every range it is asked for, and the bytes it returned. */
function counting(source: ModelSource): ModelSource & { reads: Array<[number, number]>; bytes: () => number } {
  const reads: Array<[number, number]> = [];
  return {
    ...source,
    kind: source.kind,
    id: source.id,
    listFiles: () => source.listFiles(),
    readText: (path, options) => source.readText(path, options),
    async readRange(path, start, end) {
      const bytes = await source.readRange(path, start, end);
      reads.push([start, start + bytes.length]);
      return bytes;
    },
    reads,
    bytes: () => reads.reduce((sum, [start, end]) => sum + (end - start), 0),
  };
}

/** Each read starts where the previous one ended: no byte was fetched twice. */
function expectOnePass(reads: Array<[number, number]>): void {
  let at = 0;
  for (const [start, end] of reads) {
    expect(start).toBe(at);
    at = end;
  }
}

/** A GGUF whose header is a few hundred bytes, followed by `dataBytes` of tensor data. */
function tinyHeaderGguf(dataBytes: number): Uint8Array {
  return buildGguf({
    kv: [
      { key: "general.architecture", string: "llama" },
      { key: "general.license", string: "other" },
      { key: "general.base_model.count", u32: 1 },
      { key: "general.base_model.0.repo_url", string: "https://huggingface.co/acme/base" },
    ],
    tensors: [{ name: "w", shape: [dataBytes / 4], type: 0 /* F32 */, offset: 0n }],
    data: new Uint8Array(dataBytes),
  });
}

const realFiles = [
  ...readdirSync(join(SHARED_ARTIFACTS, "gguf-llamacpp-vocab")).map((name) => `gguf-llamacpp-vocab/${name}`),
  "gguf-ollama/llama-2-tiny-random.gguf",
].filter((path) => path.endsWith(".gguf"));

describe("readGgufMetadata reads about as many bytes as the header occupies", () => {
  it("a tiny header in a 16 MiB file: one read, at most header + 128 KiB", async () => {
    const source = counting(bytesSource({ "m.gguf": tinyHeaderGguf(16 * MiB) }));
    const meta = await readGgufMetadata(source, "m.gguf");
    expect(meta.licenseFields.baseModels).toEqual([{ repo_url: "https://huggingface.co/acme/base" }]);
    expect(meta.tensorInfos.map((t) => t.name)).toEqual(["w"]);
    const header = meta.tensorInfoByteRange[1];
    expect(header).toBeLessThan(400);
    expect(source.bytes()).toBeLessThanOrEqual(header + 128 * KiB);
    expect(source.reads).toEqual([[0, 64 * KiB]]); // the pre-checks, the walk and the library share it
  });

  it.each(realFiles)("%s, followed by 8 MiB more: no more bytes or reads than the library's 2 MB chunks, each byte once", async (path) => {
    // The vocabulary files are nearly all header; the zeros after them stand for tensor data,
    // so that reading past the header would show.
    const real = readFileSync(join(SHARED_ARTIFACTS, path));
    const padded = new Uint8Array(real.length + 8 * MiB);
    padded.set(real);
    const source = counting(bytesSource({ "m.gguf": padded }));
    const meta = await readGgufMetadata(source, "m.gguf");
    const header = meta.tensorInfoByteRange[1];
    expect(header).toBeGreaterThan(500 * KiB); // real vocabularies: MBs of header
    expect(meta.kv).toEqual((await readGgufMetadata(folderSource(SHARED_ARTIFACTS), path)).kv);
    expect(source.bytes()).toBeGreaterThanOrEqual(header);
    // The library alone: the 64 KiB head, then ceil(header / 2 MB) chunks of 2 MB.
    const libraryChunks = Math.ceil(header / 2_000_000);
    expect(source.bytes()).toBeLessThanOrEqual(libraryChunks * 2_000_000);
    expect(source.reads.length).toBeLessThanOrEqual(1 + libraryChunks);
    expectOnePass(source.reads);
  });

  it("the library copes with the clipped answers: same result as reading the whole file itself", async () => {
    for (const path of ["gguf-ollama/llama-2-tiny-random.gguf", "gguf-llamacpp-vocab/ggml-vocab-falcon.gguf"]) {
      const shared = folderSource(SHARED_ARTIFACTS);
      const fileSize = readFileSync(join(SHARED_ARTIFACTS, path)).length;
      const alone = await gguf("https://omrl.invalid/x.gguf", { fetch: sourceRangeFetch(shared, path, fileSize), typedMetadata: true });
      const meta = await readGgufMetadata(shared, path);
      expect(meta.tensorInfoByteRange).toEqual(alone.tensorInfoByteRange);
      expect(meta.tensorDataOffset).toBe(Number(alone.tensorDataOffset));
      expect(meta.tensorInfos).toEqual(alone.tensorInfos.map((t) => ({ name: t.name, shape: t.shape, type: t.dtype, offset: t.offset })));
      const kv = Object.fromEntries(Object.entries(alone.metadata).filter(([key]) => !["version", "tensor_count", "kv_count"].includes(key)));
      expect(meta.kv).toEqual(kv);
    }
  });

  it("a header longer than maxHeaderBytes is `header-too-large`, read no further", async () => {
    const path = "gguf-llamacpp-vocab/ggml-vocab-falcon.gguf";
    const source = counting(folderSource(SHARED_ARTIFACTS));
    const error = await readGgufMetadata(source, path, { maxHeaderBytes: 1_000_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArtifactParseError);
    expect((error as ArtifactParseError).reason).toBe("header-too-large");
    expect(source.bytes()).toBeLessThanOrEqual(1_000_000);
    await expect(readGgufMetadata(source, path, { maxHeaderBytes: 0 })).rejects.toThrow(/maxHeaderBytes/);
  });

  it("a fixed-size array the walker skips past the limit is `header-too-large`, not zeros", async () => {
    const array = concat([u32(0 /* UINT8 */), u64(300_000n), new Uint8Array(300_000).fill(7)]);
    const bytes = buildGguf({ kv: [{ key: "big", type: 9, raw: array }], data: new Uint8Array(1 * MiB) });
    const source = counting(bytesSource({ "x.gguf": bytes }));
    const error = await readGgufMetadata(source, "x.gguf", { maxHeaderBytes: 100_000 }).catch((e: unknown) => e);
    expect((error as ArtifactParseError).reason).toBe("header-too-large");
    expect(source.bytes()).toBeLessThanOrEqual(100_000);
    const meta = await readGgufMetadata(source, "x.gguf");
    expect((meta.kv["big"] as number[]).every((value) => value === 7)).toBe(true);
  });

  it("a hostile string length is still refused before anything large is read", async () => {
    // a key/value whose string value claims 2^60 bytes, in a 4 MiB file
    const bytes = buildGguf({ kv: [{ key: "k", type: 8, raw: str("") }], data: new Uint8Array(4 * MiB) });
    // magic, version and counts (24 bytes), the key "k" (8 + 1), its type (4), then the value's length
    new DataView(bytes.buffer).setBigUint64(24 + 9 + 4, 2n ** 60n, true);
    const source = counting(bytesSource({ "x.gguf": bytes }));
    const error = await readGgufMetadata(source, "x.gguf").catch((e: unknown) => e);
    expect((error as ArtifactParseError).reason).toBe("count-too-large");
    expect(source.bytes()).toBe(64 * KiB);
  });
});

describe("files the layout walker does not handle", () => {
  it("a big-endian GGUF is decoded by the same exact reader, through the prefix: one 64 KiB read", async () => {
    const be = (bytes: number, value: bigint) => {
      const out = new Uint8Array(bytes);
      const view = new DataView(out.buffer);
      if (bytes === 4) view.setUint32(0, Number(value), false);
      else view.setBigUint64(0, value, false);
      return out;
    };
    const text = (value: string) => concat([be(8, BigInt(value.length)), new TextEncoder().encode(value)]);
    const head = concat([new TextEncoder().encode("GGUF"), be(4, 3n), be(8, 0n), be(8, 1n), text("general.name"), be(4, 8n), text("big")]);
    const bytes = new Uint8Array(4 * MiB);
    bytes.set(head);
    const source = counting(bytesSource({ "be.gguf": bytes }));
    const meta = await readGgufMetadata(source, "be.gguf");
    expect(meta.littleEndian).toBe(false);
    expect(meta.kv).toEqual({ "general.name": "big" });
    expectOnePass(source.reads);
    expect(source.reads).toEqual([[0, 64 * KiB]]); // (@huggingface/gguf asked for a fixed 2 MB first chunk)
  });
});

describe("sourceRangeFetch with a served end", () => {
  it("answers a range crossing the end with the bytes before it and the true total", async () => {
    const data = Uint8Array.from({ length: 1000 }, (_, i) => i % 251);
    const source = counting(bytesSource({ "f.bin": data }));
    const fetchRange = sourceRangeFetch(source, "f.bin", 1000, { end: 100 });
    const clipped = await fetchRange("https://omrl.invalid/f.bin", { headers: { Range: "bytes=0-1999999" } });
    expect(clipped.status).toBe(206);
    expect(clipped.headers.get("content-range")).toBe("bytes 0-99/1000");
    expect(new Uint8Array(await clipped.arrayBuffer())).toEqual(data.slice(0, 100));
    const past = await fetchRange("https://omrl.invalid/f.bin", { headers: { Range: "bytes=100-199" } });
    expect(past.status).toBe(416);
    expect(past.headers.get("content-range")).toBe("bytes */1000");
    expect(source.reads).toEqual([[0, 100]]);
  });
});

describe("createPrefixCache", () => {
  const data = Uint8Array.from({ length: 1 * MiB }, (_, i) => (i * 7) % 256);

  it("serves every read from one growing prefix, with max(64 KiB, 25 %) read-ahead", async () => {
    const inner = counting(bytesSource({ "f.bin": data, "other.bin": "x" }));
    const cache = createPrefixCache(inner, "f.bin", { fileSize: data.length });
    expect(await cache.readRange("f.bin", 0, 4)).toEqual(data.slice(0, 4));
    expect(await cache.readRange("f.bin", 60_000, 70_000)).toEqual(data.slice(60_000, 70_000));
    expect(await cache.readRange("f.bin", 10, 20)).toEqual(data.slice(10, 20));
    expect(await cache.readRange("f.bin", 300 * KiB, 301 * KiB)).toEqual(data.slice(300 * KiB, 301 * KiB));
    expect(inner.reads).toEqual([
      [0, 64 * KiB],
      [64 * KiB, 128 * KiB],
      [128 * KiB, 301 * KiB], // the read needs more than the read-ahead
    ]);
    await cache.readRange("f.bin", 301 * KiB, 302 * KiB);
    expect(inner.reads[3]).toEqual([301 * KiB, 301 * KiB + Math.floor((301 * KiB) / 4)]);
    expect(cache.cachedBytes).toBe(inner.reads[3]![1]);
    expect(await cache.readRange("other.bin", 0, 10)).toEqual(new TextEncoder().encode("x"));
    expect(await cache.readRange("f.bin", 2 * MiB, 3 * MiB)).toEqual(new Uint8Array(0));
  });

  it("clips at maxBytes and says so; concurrent reads fetch each byte once", async () => {
    const inner = counting(bytesSource({ "f.bin": data }));
    const cache = createPrefixCache(inner, "f.bin", { fileSize: data.length, maxBytes: 100 * KiB, minReadAhead: 4 * KiB });
    const parts = await Promise.all([cache.readRange("f.bin", 0, 10 * KiB), cache.readRange("f.bin", 0, 20 * KiB), cache.readRange("f.bin", 5, 6)]);
    expect(parts[1]).toEqual(data.slice(0, 20 * KiB));
    expectOnePass(inner.reads);
    expect(cache.limitReached).toBe(false);
    expect(await cache.readRange("f.bin", 90 * KiB, 200 * KiB)).toEqual(data.slice(90 * KiB, 100 * KiB));
    expect(cache.limitReached).toBe(true);
    expect(inner.bytes()).toBe(100 * KiB);
  });

  it("a source shorter than the stated size ends the prefix there", async () => {
    const inner = counting(bytesSource({ "f.bin": data.slice(0, 1000) }));
    const cache = createPrefixCache(inner, "f.bin", { fileSize: 5000 });
    expect((await cache.readRange("f.bin", 900, 2000)).length).toBe(100);
    expect((await cache.readRange("f.bin", 1000, 2000)).length).toBe(0);
    expect(inner.reads).toEqual([[0, 1000]]);
  });
});

describe("through a Hub (HTTP ranges, counted on the server)", () => {
  let hub: HubServer;
  const falcon = readFileSync(join(SHARED_ARTIFACTS, "gguf-llamacpp-vocab/ggml-vocab-falcon.gguf"));
  beforeAll(async () => {
    hub = await startHubServer({
      repos: [
        {
          id: "acme/quant",
          commits: [
            {
              sha: commitSha("acme/quant"),
              refs: ["main"],
              files: [
                { path: "tiny.gguf", head: tinyHeaderGguf(1024), size: 400_000_000, lfs: true },
                // a real vocabulary header at the start of a 1 GB file
                { path: "vocab.gguf", head: new Uint8Array(falcon), size: 1_000_000_000, lfs: true },
              ],
            },
          ],
        },
      ],
    });
  });
  afterAll(async () => hub.close());

  it("a tiny header in a 0.4 GB file costs one 64 KiB range", async () => {
    const source = await openHubSource("hf:acme/quant@main", { hubUrl: hub.url });
    const files = await source.listFiles();
    hub.resetStats();
    const meta = await readGgufMetadata(source, "tiny.gguf", { fileSize: files.find((f) => f.path === "tiny.gguf")!.size });
    expect(meta.kv["general.license"]).toBe("other");
    expect(hub.stats.byRoute.cdn.requests).toBe(1);
    expect(hub.stats.bytes).toBe(64 * KiB);
  });

  it("a 2.3 MB vocabulary header moves less than the library alone would (3 ranges, 4 MB)", async () => {
    const source = await openHubSource("hf:acme/quant@main", { hubUrl: hub.url });
    const files = await source.listFiles();
    hub.resetStats();
    const meta = await readGgufMetadata(source, "vocab.gguf", { fileSize: files.find((f) => f.path === "vocab.gguf")!.size });
    const header = meta.tensorInfoByteRange[1];
    expect(header).toBe((await scanGgufLayout(bytesSource({ "v.gguf": new Uint8Array(falcon) }), "v.gguf")).tensorInfoEnd);
    expect(hub.stats.bytes).toBeGreaterThanOrEqual(header);
    expect(hub.stats.bytes).toBeLessThan(4_000_000);
    expect(hub.stats.byRoute.cdn.requests).toBeLessThanOrEqual(3);
  });
});
