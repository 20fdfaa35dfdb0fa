import type { ModelSource } from "../sources/index.js";
import { resolveFileSize } from "./file-size.js";
import { GGUF_DEFAULT_ALIGNMENT, GGUF_LIMITS, GgufValueType, alignUp } from "./gguf-constants.js";
import { GgufRangeReader } from "./gguf-range-reader.js";

/** One key/value entry and where its bytes are (key length prefix through the end of the value). */
export type GgufLayoutEntry = {
  key: string;
  type: number;
  /** Element type and length when `type` is ARRAY. */
  array?: { type: number; length: bigint } | undefined;
  /** Decoded for scalars and strings; arrays are skipped, not decoded. */
  value?: string | number | bigint | boolean | undefined;
  start: number;
  end: number;
};

export type GgufLayoutTensor = { name: string; shape: bigint[]; type: number; offset: bigint };

/** The byte layout of a GGUF file's header, read exactly (every structure checked against the file size). */
export type GgufLayout = {
  version: 2 | 3;
  fileSize: number;
  tensorCount: bigint;
  entries: GgufLayoutEntry[];
  /** Where the key/value section starts (after magic, version and the two counts) and ends. */
  kvStart: number;
  kvEnd: number;
  /** The tensor info section: [tensorInfoStart, tensorInfoEnd). */
  tensorInfoStart: number;
  tensorInfoEnd: number;
  tensors: GgufLayoutTensor[];
  alignment: number;
  /** Start of the tensor data: tensorInfoEnd rounded up to `alignment`. */
  tensorDataOffset: number;
};

export type ScanGgufLayoutParameters = {
  fileSize?: number | undefined;
  /** Bytes fetched per read (default 1 MiB). */
  chunkSize?: number | undefined;
};

/**
 * Walks a GGUF v2/v3 (little-endian) header through `readRange`, recording where every key/value
 * entry and the tensor info section sit, so a stamper can copy them byte for byte. Every count
 * and length is checked against the bytes left in the file before anything is allocated; a
 * structure that runs past the end of the file is `truncated` (no zero padding is trusted).
 *
 * @example
 * const layout = await scanGgufLayout(source, "model.Q4_K_M.gguf");
 * layout.tensorDataOffset; // where the weights start
 */
export async function scanGgufLayout(
  source: ModelSource,
  path: string,
  parameters: ScanGgufLayoutParameters = {},
): Promise<GgufLayout> {
  const fileSize = await resolveFileSize(source, path, parameters.fileSize);
  const reader = new GgufRangeReader(source, path, { fileSize, chunkSize: parameters.chunkSize ?? 1 << 20 });

  const version = (await reader.preamble()) as 2 | 3;
  if (version !== 2 && version !== 3) {
    const reason = (version & 0xffff) === 0 ? "big-endian GGUF" : `GGUF version ${version}`;
    reader.fail("unsupported-version", `${reason} is not supported (little-endian v2 and v3 are).`, 4);
  }
  const tensorCount = await reader.u64();
  const kvCount = await reader.u64();
  // Smallest possible entries: a key/value is 8 (key length) + 4 (type) + 1 (value) bytes; a
  // tensor info 8 (name length) + 4 (n_dims) + 4 (type) + 8 (offset).
  reader.boundCount(kvCount, 13, GGUF_LIMITS.maxKvCount, "key/value count", 16);
  reader.boundCount(tensorCount, 24, GGUF_LIMITS.maxTensorCount, "tensor count", 8);

  const kvStart = reader.position;
  const entries: GgufLayoutEntry[] = [];
  for (let i = 0n; i < kvCount; i++) {
    const start = reader.position;
    const key = await reader.string();
    const type = await reader.u32();
    const entry: GgufLayoutEntry = { key, type, start, end: start };
    if (type === GgufValueType.ARRAY) {
      entry.array = await reader.skipArray(0);
    } else {
      entry.value = await reader.value(type);
    }
    entry.end = reader.position;
    entries.push(entry);
  }
  const kvEnd = reader.position;

  const tensorInfoStart = reader.position;
  const tensors: GgufLayoutTensor[] = [];
  for (let i = 0n; i < tensorCount; i++) {
    const name = await reader.string();
    const dimsAt = reader.position;
    const dims = await reader.u32();
    if (dims > GGUF_LIMITS.maxTensorDims)
      reader.fail("count-too-large", `Tensor "${name}" has ${dims} dimensions (at most ${GGUF_LIMITS.maxTensorDims}).`, dimsAt);
    const shape: bigint[] = [];
    for (let d = 0; d < dims; d++) shape.push(await reader.u64());
    const type = await reader.u32();
    const offset = await reader.u64();
    tensors.push({ name, shape, type, offset });
  }
  const tensorInfoEnd = reader.position;

  const alignmentEntry = entries.find((entry) => entry.key === "general.alignment");
  const alignment = alignmentEntry ? reader.alignment(alignmentEntry.value, alignmentEntry.start) : GGUF_DEFAULT_ALIGNMENT;
  return {
    version,
    fileSize,
    tensorCount,
    entries,
    kvStart,
    kvEnd,
    tensorInfoStart,
    tensorInfoEnd,
    tensors,
    alignment,
    tensorDataOffset: alignUp(tensorInfoEnd, alignment),
  };
}
