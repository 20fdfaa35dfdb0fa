import type { ModelSource } from "../sources/index.js";
import { ArtifactParseError, type ArtifactParseErrorReason } from "./errors.js";
import { resolveFileSize } from "./file-size.js";
import {
  GGUF_DEFAULT_ALIGNMENT,
  GGUF_FIXED_VALUE_SIZE,
  GGUF_LIMITS,
  GGUF_MAGIC,
  GgufValueType,
  alignUp,
} from "./gguf-constants.js";

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
  const reader = new RangeReader(source, path, fileSize, parameters.chunkSize ?? 1 << 20);

  const magic = await reader.bytes(4);
  if (!GGUF_MAGIC.every((byte, i) => magic[i] === byte)) reader.fail("bad-magic", "Not a GGUF file (magic is not `GGUF`).", 0);
  const version = (await reader.u32()) as 2 | 3;
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
  let alignment = GGUF_DEFAULT_ALIGNMENT;
  if (alignmentEntry) {
    const value = alignmentEntry.value;
    const numeric = typeof value === "bigint" ? Number(value) : typeof value === "number" ? value : Number.NaN;
    if (!Number.isSafeInteger(numeric) || numeric <= 0 || (numeric & (numeric - 1)) !== 0)
      reader.fail("invalid-gguf", `general.alignment ${String(value)} is not a power of two.`, alignmentEntry.start);
    alignment = numeric;
  }
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

/** Sequential little-endian reader over `readRange` with a sliding window and exact EOF checks. */
class RangeReader {
  position = 0;
  private window: Uint8Array = new Uint8Array(0);
  private windowStart = 0;
  private readonly decoder = new TextDecoder("utf-8");

  constructor(
    private readonly source: ModelSource,
    private readonly path: string,
    private readonly fileSize: number,
    private readonly chunkSize: number,
  ) {}

  fail(reason: ArtifactParseErrorReason, message: string, offset: number): never {
    throw new ArtifactParseError(message, { reason, path: this.path, offset });
  }

  get remaining(): number {
    return this.fileSize - this.position;
  }

  boundCount(count: bigint, minBytesEach: number, limit: number, what: string, at: number): void {
    if (count > BigInt(limit))
      this.fail("count-too-large", `GGUF ${what} ${count} exceeds the limit of ${limit}.`, at);
    if (count * BigInt(minBytesEach) > BigInt(this.remaining))
      this.fail("truncated", `GGUF ${what} ${count} cannot fit in the ${this.remaining} bytes left in the file.`, at);
  }

  private async ensure(length: number): Promise<Uint8Array> {
    if (length > this.remaining)
      this.fail("truncated", `File ends at byte ${this.fileSize}; ${length} more bytes were expected here.`, this.position);
    const offsetInWindow = this.position - this.windowStart;
    if (offsetInWindow < 0 || offsetInWindow + length > this.window.length) {
      const end = Math.min(this.fileSize, this.position + Math.max(length, this.chunkSize));
      const bytes = await this.source.readRange(this.path, this.position, end);
      if (bytes.length < length)
        this.fail("truncated", `Read ${bytes.length} bytes at ${this.position}, expected ${length}.`, this.position + bytes.length);
      this.window = bytes;
      this.windowStart = this.position;
    }
    const from = this.position - this.windowStart;
    this.position += length;
    return this.window.subarray(from, from + length);
  }

  private async view(length: number): Promise<DataView> {
    const bytes = await this.ensure(length);
    return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  async bytes(length: number): Promise<Uint8Array> {
    return (await this.ensure(length)).slice();
  }
  async u32(): Promise<number> {
    return (await this.view(4)).getUint32(0, true);
  }
  async u64(): Promise<bigint> {
    return (await this.view(8)).getBigUint64(0, true);
  }

  private async stringLength(): Promise<number> {
    const at = this.position;
    const length = await this.u64();
    if (length > BigInt(GGUF_LIMITS.maxStringBytes))
      this.fail("count-too-large", `String length ${length} exceeds the limit of ${GGUF_LIMITS.maxStringBytes} bytes.`, at);
    if (length > BigInt(this.remaining))
      this.fail("truncated", `String length ${length} runs past the end of the file.`, at);
    return Number(length);
  }

  /** Whether the next `length` bytes are already in the window (so they can be read synchronously). */
  private has(length: number): boolean {
    const from = this.position - this.windowStart;
    return from >= 0 && from + length <= this.window.length;
  }

  /** Reads a string length from the window; the caller made sure 8 bytes are there. */
  private stringLengthSync(): number {
    const at = this.position;
    const from = at - this.windowStart;
    const length = new DataView(this.window.buffer, this.window.byteOffset + from, 8).getBigUint64(0, true);
    this.position += 8;
    if (length > BigInt(GGUF_LIMITS.maxStringBytes))
      this.fail("count-too-large", `String length ${length} exceeds the limit of ${GGUF_LIMITS.maxStringBytes} bytes.`, at);
    if (length > BigInt(this.remaining))
      this.fail("truncated", `String length ${length} runs past the end of the file.`, at);
    return Number(length);
  }

  async string(): Promise<string> {
    const length = await this.stringLength();
    return this.decoder.decode(await this.ensure(length));
  }

  private skip(length: number): void {
    if (length > this.remaining)
      this.fail("truncated", `File ends at byte ${this.fileSize}; ${length} more bytes were expected here.`, this.position);
    this.position += length;
  }

  async value(type: number): Promise<string | number | bigint | boolean> {
    const at = this.position;
    switch (type) {
      case GgufValueType.UINT8: return (await this.view(1)).getUint8(0);
      case GgufValueType.INT8: return (await this.view(1)).getInt8(0);
      case GgufValueType.UINT16: return (await this.view(2)).getUint16(0, true);
      case GgufValueType.INT16: return (await this.view(2)).getInt16(0, true);
      case GgufValueType.UINT32: return (await this.view(4)).getUint32(0, true);
      case GgufValueType.INT32: return (await this.view(4)).getInt32(0, true);
      case GgufValueType.FLOAT32: return (await this.view(4)).getFloat32(0, true);
      case GgufValueType.BOOL: return (await this.view(1)).getUint8(0) !== 0;
      case GgufValueType.STRING: return this.string();
      case GgufValueType.UINT64: return (await this.view(8)).getBigUint64(0, true);
      case GgufValueType.INT64: return (await this.view(8)).getBigInt64(0, true);
      case GgufValueType.FLOAT64: return (await this.view(8)).getFloat64(0, true);
      default: return this.fail("invalid-gguf", `Unknown GGUF value type ${type}.`, at - 4);
    }
  }

  /** Skips an array value (element type, length, elements) without decoding it. */
  async skipArray(depth: number): Promise<{ type: number; length: bigint }> {
    const at = this.position;
    if (depth >= GGUF_LIMITS.maxArrayDepth) this.fail("count-too-large", `Arrays nested deeper than ${GGUF_LIMITS.maxArrayDepth}.`, at);
    const type = await this.u32();
    const length = await this.u64();
    const fixed = GGUF_FIXED_VALUE_SIZE[type];
    const minBytes = fixed ?? (type === GgufValueType.STRING ? 8 : type === GgufValueType.ARRAY ? 12 : undefined);
    if (minBytes === undefined) this.fail("invalid-gguf", `Unknown GGUF array element type ${type}.`, at);
    this.boundCount(length, minBytes, GGUF_LIMITS.maxArrayLength, "array length", at + 4);
    const count = Number(length);
    if (fixed !== undefined) this.skip(count * fixed);
    else if (type === GgufValueType.STRING) {
      // Vocabularies hold 10^5 strings: stay synchronous while the window has the bytes.
      for (let i = 0; i < count; i++) this.skip(this.has(8) ? this.stringLengthSync() : await this.stringLength());
    }
    else for (let i = 0; i < count; i++) await this.skipArray(depth + 1);
    return { type, length };
  }
}
