import type { ModelSource } from "../sources/index.js";
import { ArtifactParseError } from "./errors.js";
import { resolveFileSize } from "./file-size.js";
import { GGUF_LIMITS, GgufValueType } from "./gguf-constants.js";
import { GgufRangeReader, type GgufMetadataValue } from "./gguf-range-reader.js";

/** Largest tensor dimension accepted (2^32, as `@huggingface/gguf`: real dimensions are ~10^5). */
export const GGUF_MAX_TENSOR_DIM = 2 ** 32;

/**
 * Keys a decoded header never carries: the names `@huggingface/gguf` gives its own entries for
 * the fixed header (a file's key/value of that name was always hidden behind them), and
 * `__proto__`, which a plain object cannot hold as data.
 */
const HIDDEN_KEYS = new Set(["version", "tensor_count", "kv_count", "__proto__"]);

export type GgufTensorInfo = { name: string; shape: bigint[]; type: number; offset: bigint };

export type DecodeGgufHeaderParameters = {
  fileSize?: number | undefined;
  /** Bytes fetched per read when the reader's window runs out (default 1 MiB). */
  chunkSize?: number | undefined;
};

export type DecodeGgufHeaderReturnType = {
  version: 1 | 2 | 3;
  littleEndian: boolean;
  tensorCount: bigint;
  /** Every key/value, decoded (bigint for 64-bit integers; a repeated key keeps its last value). */
  kv: Record<string, GgufMetadataValue>;
  /** Each key's GGUF value type, and the element type of an array. */
  kvTypes: Record<string, { type: number; subType?: number | undefined }>;
  tensorInfos: GgufTensorInfo[];
  /** The tensor info section: [tensorInfoStart, tensorInfoEnd). */
  tensorInfoStart: number;
  tensorInfoEnd: number;
  /** `general.alignment` (default 32). */
  alignment: number;
  /** Where the tensor data starts: tensorInfoEnd padded to the alignment, as ggml's `GGML_PAD`. */
  tensorDataOffset: number;
};

/**
 * Decodes a GGUF header — v1, v2 and v3, either byte order — through `source.readRange`: every
 * key/value (arrays included, nested up to `GGUF_LIMITS.maxArrayDepth`) and every tensor info.
 * Exact: each count and length is checked against the bytes left in the file and against
 * `GGUF_LIMITS` before anything is allocated, and a structure that runs past the end of the file
 * is `truncated` (no zero padding is read as data). The checks, in order, are `scanGgufLayout`'s
 * (so a file the stamper accepts decodes, and the other way round), then the two that
 * `@huggingface/gguf` adds: a tensor dimension over 2^32, and a `general.alignment` that is not a
 * positive safe integer (messages as that library words them).
 *
 * @example
 * const header = await decodeGgufHeader(source, "model.Q4_K_M.gguf");
 * header.kv["general.architecture"]; // "llama"
 * header.kv["tokenizer.ggml.tokens"]; // ["<unk>", "<s>", …]
 */
export async function decodeGgufHeader(
  source: ModelSource,
  path: string,
  parameters: DecodeGgufHeaderParameters = {},
): Promise<DecodeGgufHeaderReturnType> {
  const fileSize = await resolveFileSize(source, path, parameters.fileSize);
  const reader = new GgufRangeReader(source, path, { fileSize, chunkSize: parameters.chunkSize ?? 1 << 20 });

  const rawVersion = await reader.preamble();
  // a big-endian file's version (1..3) reads as a multiple of 2^16 in little-endian
  const littleEndian = (rawVersion & 0xffff) !== 0;
  const version = (littleEndian ? rawVersion : byteSwap32(rawVersion)) as 1 | 2 | 3;
  if (version !== 1 && version !== 2 && version !== 3) reader.fail("unsupported-version", `GGUF version ${version} is not supported.`, 4);
  const sizeBytes = version === 1 ? 4 : 8;
  reader.littleEndian = littleEndian;
  reader.sizeBytes = sizeBytes;
  const tensorCount = await reader.size();
  const kvCount = await reader.size();
  // Smallest possible entries: a key/value is a key length, a type (4) and a 1-byte value; a
  // tensor info a name length, n_dims (4), a type (4) and an offset (8).
  reader.boundCount(kvCount, sizeBytes + 5, GGUF_LIMITS.maxKvCount, "key/value count", 8 + sizeBytes);
  reader.boundCount(tensorCount, sizeBytes + 16, GGUF_LIMITS.maxTensorCount, "tensor count", 8);

  const kv: Record<string, GgufMetadataValue> = {};
  const kvTypes: DecodeGgufHeaderReturnType["kvTypes"] = {};
  // the first general.alignment entry: checked as the layout walker checks it
  let firstAlignment: { value: GgufMetadataValue | undefined; start: number } | undefined;
  for (let i = 0n; i < kvCount; i++) {
    const start = reader.position;
    const key = await reader.string();
    const type = await reader.u32();
    let value: GgufMetadataValue;
    let subType: number | undefined;
    if (type === GgufValueType.ARRAY) {
      const array = await reader.array(0);
      value = array.value;
      subType = array.type;
    } else value = await reader.value(type);
    if (key === "general.alignment" && firstAlignment === undefined)
      firstAlignment = { value: type === GgufValueType.ARRAY ? undefined : value, start };
    if (HIDDEN_KEYS.has(key)) continue;
    kv[key] = value;
    kvTypes[key] = subType === undefined ? { type } : { type, subType };
  }

  const tensorInfoStart = reader.position;
  const tensorInfos: GgufTensorInfo[] = [];
  let hugeDimension: string | undefined;
  for (let i = 0n; i < tensorCount; i++) {
    const name = await reader.string();
    const dimsAt = reader.position;
    const dims = await reader.u32();
    if (dims > GGUF_LIMITS.maxTensorDims)
      reader.fail("count-too-large", `Tensor "${name}" has ${dims} dimensions (at most ${GGUF_LIMITS.maxTensorDims}).`, dimsAt);
    const shape: bigint[] = [];
    for (let d = 0; d < dims; d++) {
      const dim = await reader.size();
      if (dim > BigInt(GGUF_MAX_TENSOR_DIM) && hugeDimension === undefined)
        hugeDimension = `Tensor "${name}" dimension ${d} is ${dim}, which exceeds the maximum allowed (${GGUF_MAX_TENSOR_DIM})`;
      shape.push(dim);
    }
    const type = await reader.u32();
    const offset = await reader.u64();
    tensorInfos.push({ name, shape, type, offset });
  }
  const tensorInfoEnd = reader.position;

  if (firstAlignment) reader.alignment(firstAlignment.value, firstAlignment.start);
  // What the structure walk leaves to `@huggingface/gguf`'s own checks (worded as it words them).
  const notParsed = (reason: "count-too-large" | "invalid-gguf", message: string): never => {
    throw new ArtifactParseError(`GGUF header does not parse: ${message}`, { reason, path });
  };
  if (hugeDimension !== undefined) notParsed("count-too-large", hugeDimension);
  // a repeated key keeps its last value, and that is the one the data offset follows
  const rawAlignment = kv["general.alignment"] ?? 32;
  if (typeof rawAlignment === "bigint" && rawAlignment > BigInt(Number.MAX_SAFE_INTEGER))
    notParsed("invalid-gguf", `general.alignment value ${rawAlignment} exceeds safe integer range`);
  const alignment = Number(rawAlignment);
  if (alignment <= 0 || !Number.isInteger(alignment))
    notParsed("invalid-gguf", `general.alignment must be a positive integer, got ${String(rawAlignment)}`);

  return {
    version,
    littleEndian,
    tensorCount,
    kv,
    kvTypes,
    tensorInfos,
    tensorInfoStart,
    tensorInfoEnd,
    alignment,
    tensorDataOffset: (tensorInfoEnd + alignment - 1) & ~(alignment - 1),
  };
}

function byteSwap32(value: number): number {
  return (((value & 0xff) << 24) | ((value & 0xff00) << 8) | ((value >>> 8) & 0xff00) | (value >>> 24)) >>> 0;
}
