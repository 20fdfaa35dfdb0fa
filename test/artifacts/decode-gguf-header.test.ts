import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
// a devDependency kept only for this cross-check: the project's decoder and the library must agree
import { gguf } from "@huggingface/gguf";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ArtifactParseError, decodeGgufHeader, readGgufMetadata, sourceRangeFetch } from "../../src/artifacts/index.js";
import { bytesSource, SHARED_ARTIFACTS } from "./bytes-source.js";
import { buildGguf } from "./gguf-builder.js";
import { encodeGguf, type EncodedKv, type EncodedTensor, type EncodedValue, type EncodeGgufOptions } from "./gguf-encoder.js";

const EXAMPLE_GGUF = fileURLToPath(new URL("../../examples/model-release/model.gguf", import.meta.url));
const HIDDEN = new Set(["version", "tensor_count", "kv_count"]);

/** What `@huggingface/gguf` makes of the bytes, in the decoder's shape (key order included). */
async function library(bytes: Uint8Array) {
  const source = bytesSource({ "x.gguf": bytes });
  const parsed = await gguf("https://omrl.invalid/x.gguf", { fetch: sourceRangeFetch(source, "x.gguf", bytes.length), typedMetadata: true });
  const entries = Object.entries(parsed.typedMetadata).filter(([key]) => !HIDDEN.has(key));
  // (the version is left out: a file's own key "version" overwrites the library's entry)
  return {
    littleEndian: parsed.littleEndian,
    kv: entries.map(([key, entry]) => [key, entry.value]),
    kvTypes: entries.map(([key, entry]) => {
      const { type, subType } = entry as { type: number; subType?: number }; // the synthetic entries, filtered out above, have no subType
      return [key, subType === undefined ? { type } : { type, subType }];
    }),
    tensorInfos: parsed.tensorInfos.map((t) => ({ name: t.name, shape: t.shape, type: t.dtype, offset: t.offset })),
    tensorInfoStart: parsed.tensorInfoByteRange[0],
    tensorInfoEnd: parsed.tensorInfoByteRange[1],
    tensorDataOffset: Number(parsed.tensorDataOffset),
  };
}

async function ours(bytes: Uint8Array) {
  const header = await decodeGgufHeader(bytesSource({ "x.gguf": bytes }), "x.gguf", { chunkSize: 4096 });
  return {
    littleEndian: header.littleEndian,
    kv: Object.entries(header.kv),
    kvTypes: Object.entries(header.kvTypes),
    tensorInfos: header.tensorInfos,
    tensorInfoStart: header.tensorInfoStart,
    tensorInfoEnd: header.tensorInfoEnd,
    tensorDataOffset: header.tensorDataOffset,
  };
}

async function failure(read: () => Promise<unknown>): Promise<ArtifactParseError> {
  const error = await read().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ArtifactParseError);
  return error as ArtifactParseError;
}

const realFiles = [
  ...readdirSync(join(SHARED_ARTIFACTS, "gguf-llamacpp-vocab")).map((name) => join(SHARED_ARTIFACTS, "gguf-llamacpp-vocab", name)),
  join(SHARED_ARTIFACTS, "gguf-ollama/llama-2-tiny-random.gguf"),
  EXAMPLE_GGUF,
].filter((path) => path.endsWith(".gguf"));

describe("decodeGgufHeader agrees with @huggingface/gguf", () => {
  it.each(realFiles)("%s: every key/value (arrays included), type, tensor info and offset", async (path) => {
    const bytes = new Uint8Array(readFileSync(path));
    const decoded = await ours(bytes);
    expect(decoded).toEqual(await library(bytes));
    expect((await decodeGgufHeader(bytesSource({ "x.gguf": bytes }), "x.gguf")).version).toBe(new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, true));
    expect(decoded.kv.length).toBeGreaterThan(0);
  });

  // Generated files: v1/v2/v3, both byte orders, every value type, nested arrays, repeated keys,
  // the library's own entry names as keys, invalid UTF-8.
  const fixedTypes = [0, 1, 2, 3, 4, 5, 6, 7, 10, 11, 12] as const;
  const text = fc.oneof(fc.string({ maxLength: 12 }), fc.uint8Array({ maxLength: 8 }));
  const scalarOf = (type: number): fc.Arbitrary<EncodedValue> => {
    const of = (value: fc.Arbitrary<number | bigint | boolean>) => value.map((v) => ({ type, value: v }) as EncodedValue);
    switch (type) {
      case 0: return of(fc.integer({ min: 0, max: 255 }));
      case 1: return of(fc.integer({ min: -128, max: 127 }));
      case 2: return of(fc.integer({ min: 0, max: 65535 }));
      case 3: return of(fc.integer({ min: -32768, max: 32767 }));
      case 4: return of(fc.integer({ min: 0, max: 2 ** 32 - 1 }));
      case 5: return of(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }));
      case 6: return of(fc.float());
      case 7: return of(fc.boolean());
      case 10: return of(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }));
      case 11: return of(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }));
      case 12: return of(fc.double());
      default: return text.map((value) => ({ type: 8, value }));
    }
  };
  const arrayOf = (depth: number): fc.Arbitrary<EncodedValue> =>
    fc
      .constantFrom(...fixedTypes, 8, ...(depth < 2 ? [9] : []))
      .chain((elementType) =>
        fc
          .array(elementType === 9 ? arrayOf(depth + 1) : scalarOf(elementType), { maxLength: 6 })
          .map((items) => ({ type: 9, elementType, items }) as EncodedValue),
      );
  const value = fc.oneof(fc.constantFrom(...fixedTypes, 8).chain(scalarOf), arrayOf(0));
  const key = fc.oneof(
    fc.constantFrom("general.name", "general.architecture", "version", "kv_count", "tensor_count", "__proto__", "1", "constructor", "toString"),
    text,
  );
  const kv = fc.array(fc.record({ key, value }), { maxLength: 8 }) as fc.Arbitrary<EncodedKv[]>;
  const file = fc
    .record({
      version: fc.constantFrom(1, 2, 3) as fc.Arbitrary<1 | 2 | 3>,
      littleEndian: fc.boolean(),
      kv,
      alignment: fc.option(fc.constantFrom(1, 8, 32, 64, 4096)),
      tensors: fc.array(
        fc.record({
          name: fc.string({ maxLength: 10 }),
          shape: fc.array(fc.bigInt({ min: 0n, max: 2n ** 32n - 1n }), { maxLength: 4 }),
          type: fc.integer({ min: 0, max: 40 }),
          offset: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
        }),
        { maxLength: 4 },
      ) as fc.Arbitrary<EncodedTensor[]>,
      tail: fc.integer({ min: 0, max: 64 }),
    })
    .map(({ alignment, ...rest }): EncodeGgufOptions => ({
      ...rest,
      kv: alignment === null ? rest.kv : [{ key: "general.alignment", value: { type: 4, value: alignment } }, ...rest.kv],
    }));

  it("on generated headers (fast-check)", async () => {
    await fc.assert(
      fc.asyncProperty(file, async (options) => {
        const bytes = encodeGguf(options);
        expect(await ours(bytes)).toEqual(await library(bytes));
        expect((await decodeGgufHeader(bytesSource({ "x.gguf": bytes }), "x.gguf")).version).toBe(options.version);
      }),
      { numRuns: 300 },
    );
  });
});

describe("the checks @huggingface/gguf adds to the structure walk, worded as it words them", () => {
  const f32 = (name: string, shape: number[]) => ({ name, shape, type: 0, offset: 0n });

  it("a tensor dimension over 2^32 (2^32 itself is accepted)", async () => {
    const bytes = buildGguf({ tensors: [f32("w", [2 ** 32 + 1, 1])] });
    const libraryMessage = await gguf("https://omrl.invalid/x.gguf", {
      fetch: sourceRangeFetch(bytesSource({ x: bytes }), "x", bytes.length),
    }).then(
      () => "",
      (error: Error) => error.message,
    );
    expect(libraryMessage).toBe('Tensor "w" dimension 0 is 4294967297, which exceeds the maximum allowed (4294967296)');
    const error = await failure(() => readGgufMetadata(bytesSource({ "x.gguf": bytes }), "x.gguf"));
    expect(error.reason).toBe("count-too-large");
    expect(error.shortMessage).toBe(`x.gguf: GGUF header does not parse: ${libraryMessage}`);
    expect(error.offset).toBeUndefined();
    const atLimit = await decodeGgufHeader(bytesSource({ "x.gguf": buildGguf({ tensors: [f32("w", [2 ** 32])] }) }), "x.gguf");
    expect(atLimit.tensorInfos[0]!.shape).toEqual([2n ** 32n]);
  });

  it("the structure walk's own errors still come first (a later tensor with 9 dimensions)", async () => {
    const bytes = buildGguf({ tensors: [f32("w", [2 ** 33]), f32("v", [1, 1, 1, 1, 1, 1, 1, 1, 1])] });
    const error = await failure(() => readGgufMetadata(bytesSource({ "x.gguf": bytes }), "x.gguf"));
    expect(error.reason).toBe("count-too-large");
    expect(error.shortMessage).toBe('x.gguf @ byte 66: Tensor "v" has 9 dimensions (at most 8).');
  });

  it("a repeated general.alignment: the first must be a power of two, the last sets the data offset", async () => {
    const alignment = (value: EncodedValue): EncodedKv => ({ key: "general.alignment", value });
    const header = (...values: EncodedValue[]) =>
      encodeGguf({ version: 3, littleEndian: true, kv: values.map(alignment), tensors: [{ name: "w", shape: [1n], type: 0, offset: 0n }], tail: 200 });
    // the library's (GGML_PAD's) arithmetic for a last value that is not a power of two
    const odd = header({ type: 4, value: 32 }, { type: 4, value: 48 });
    expect(await ours(odd)).toEqual(await library(odd));
    // not a power of two first: the walk's message
    const first = await failure(() => decodeGgufHeader(bytesSource({ "x.gguf": header({ type: 4, value: 48 }) }), "x.gguf"));
    expect([first.reason, first.shortMessage]).toEqual(["invalid-gguf", "x.gguf @ byte 24: general.alignment 48 is not a power of two."]);
    // a last value the library refuses: its messages
    for (const [last, message] of [
      [{ type: 10, value: 2n ** 60n }, "general.alignment value 1152921504606846976 exceeds safe integer range"],
      [{ type: 8, value: "x" }, "general.alignment must be a positive integer, got x"],
      [{ type: 4, value: 0 }, "general.alignment must be a positive integer, got 0"],
    ] as const) {
      const bytes = header({ type: 4, value: 32 }, last as EncodedValue);
      const libraryMessage = await library(bytes).then(
        () => "",
        (error: Error) => error.message,
      );
      expect(libraryMessage).toBe(message);
      const error = await failure(() => readGgufMetadata(bytesSource({ "x.gguf": bytes }), "x.gguf"));
      expect([error.reason, error.shortMessage]).toEqual(["invalid-gguf", `x.gguf: GGUF header does not parse: ${message}`]);
    }
  });

  it("keys the library hid behind its own entries stay hidden; __proto__ is data, never a prototype", async () => {
    const bytes = encodeGguf({
      version: 3,
      littleEndian: true,
      kv: [
        { key: "version", value: { type: 4, value: 9 } },
        { key: "__proto__", value: { type: 9, elementType: 4, items: [{ type: 4, value: 1 }] } },
        { key: "general.name", value: { type: 8, value: "n" } },
      ],
      tensors: [],
    });
    const header = await decodeGgufHeader(bytesSource({ "x.gguf": bytes }), "x.gguf");
    expect(Object.keys(header.kv)).toEqual(["general.name"]);
    expect(Object.getPrototypeOf(header.kv)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(header.kvTypes)).toBe(Object.prototype);
  });
});

describe("GGUF v1 and big-endian files are read exactly", () => {
  it("a v1 and a big-endian v3 file cut short are `truncated`, not zero-padded", async () => {
    for (const [version, littleEndian] of [
      [1, true],
      [3, false],
    ] as const) {
      const bytes = encodeGguf({
        version,
        littleEndian,
        kv: [{ key: "general.name", value: { type: 8, value: "abcdefgh" } }],
        tensors: [{ name: "w", shape: [8n], type: 0, offset: 0n }],
      });
      const whole = await decodeGgufHeader(bytesSource({ "x.gguf": bytes }), "x.gguf");
      expect(whole.kv).toEqual({ "general.name": "abcdefgh" });
      for (const cut of [bytes.length - 1, bytes.length - 12, 30]) {
        const error = await failure(() => readGgufMetadata(bytesSource({ "x.gguf": bytes.subarray(0, cut) }), "x.gguf"));
        expect(error.reason).toBe("truncated");
      }
    }
  });
});

describe("hostile bytes: every failure is an ArtifactParseError", () => {
  it("random byte changes to a generated v1/v2/v3 header (fast-check)", async () => {
    const base = (version: 1 | 2 | 3, littleEndian: boolean) =>
      encodeGguf({
        version,
        littleEndian,
        kv: [
          { key: "general.name", value: { type: 8, value: "tiny" } },
          { key: "general.alignment", value: { type: 4, value: 32 } },
          { key: "tokenizer.ggml.tokens", value: { type: 9, elementType: 8, items: [{ type: 8, value: "a" }, { type: 8, value: "bc" }] } },
          { key: "nested", value: { type: 9, elementType: 9, items: [{ type: 9, elementType: 10, items: [{ type: 10, value: 7n }] }] } },
        ],
        tensors: [{ name: "w", shape: [8n], type: 0, offset: 0n }],
        tail: 96,
      });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(1, 2, 3) as fc.Arbitrary<1 | 2 | 3>,
        fc.boolean(),
        fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 6 }),
        fc.option(fc.nat()),
        async (version, littleEndian, changes, cut) => {
          const bytes = base(version, littleEndian);
          for (const { at, byte } of changes) bytes[8 + (at % (bytes.length - 8))] = byte;
          const file = cut === null ? bytes : bytes.subarray(0, cut % (bytes.length + 1));
          await readGgufMetadata(bytesSource({ "x.gguf": file }), "x.gguf").catch((error: unknown) => {
            expect(error).toBeInstanceOf(ArtifactParseError);
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});

