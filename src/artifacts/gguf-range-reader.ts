import type { ModelSource } from "../sources/index.js";
import { ArtifactParseError, type ArtifactParseErrorReason } from "./errors.js";
import { GGUF_FIXED_VALUE_SIZE, GGUF_LIMITS, GGUF_MAGIC, GgufValueType } from "./gguf-constants.js";

/** A decoded GGUF scalar. 64-bit integers are bigints; every other number is a JS number. */
export type GgufMetadataBaseValue = string | number | bigint | boolean;
/** A decoded GGUF value: a scalar, or an array of values (arrays nest). */
export type GgufMetadataValue = GgufMetadataBaseValue | GgufMetadataBaseValue[] | GgufMetadataValue[];

export type GgufRangeReaderParameters = {
  fileSize: number;
  /** Bytes fetched per read when the window runs out. */
  chunkSize: number;
  /** Byte order of every number (default little-endian). */
  littleEndian?: boolean | undefined;
  /** Width of counts and lengths: 4 bytes in GGUF v1, 8 in v2 and v3 (default 8). */
  sizeBytes?: 4 | 8 | undefined;
};

/**
 * Sequential GGUF reader over `source.readRange` with a sliding window and exact end-of-file
 * checks: every count and length is checked against the bytes left in the file (and against
 * `GGUF_LIMITS`) before anything is allocated or read, and no zero padding is ever trusted.
 * Shared by `scanGgufLayout` (which skips arrays) and `decodeGgufHeader` (which decodes them).
 * Reads that the window already holds stay synchronous, so a 10^5-string vocabulary costs no
 * promise per string.
 */
export class GgufRangeReader {
  position = 0;
  /** Byte order; a reader that learns it from the version field sets it then. */
  littleEndian: boolean;
  /** Width of counts and lengths; set once the version is known. */
  sizeBytes: 4 | 8;
  private window: Uint8Array = new Uint8Array(0);
  private windowView: DataView = new DataView(new ArrayBuffer(0));
  private windowStart = 0;
  private readonly decoder = new TextDecoder("utf-8");
  private readonly fileSize: number;
  private readonly chunkSize: number;

  constructor(
    private readonly source: ModelSource,
    private readonly path: string,
    parameters: GgufRangeReaderParameters,
  ) {
    this.fileSize = parameters.fileSize;
    this.chunkSize = parameters.chunkSize;
    this.littleEndian = parameters.littleEndian ?? true;
    this.sizeBytes = parameters.sizeBytes ?? 8;
  }

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

  /**
   * Reads the preamble at the start of the file: the magic (`bad-magic` unless it is `GGUF`), then
   * the version field, returned as read little-endian (the caller checks it and learns the byte order).
   */
  async preamble(): Promise<number> {
    const magic = await this.bytes(4);
    if (!GGUF_MAGIC.every((byte, i) => magic[i] === byte)) this.fail("bad-magic", "Not a GGUF file (magic is not `GGUF`).", 0);
    return this.u32();
  }

  /**
   * A `general.alignment` value (the first entry of that key, read at `at`) as a number:
   * `invalid-gguf` unless it is a positive power of two that is a safe integer.
   */
  alignment(value: GgufMetadataValue | undefined, at: number): number {
    const numeric = typeof value === "bigint" ? Number(value) : typeof value === "number" ? value : Number.NaN;
    if (!Number.isSafeInteger(numeric) || numeric <= 0 || (numeric & (numeric - 1)) !== 0)
      this.fail("invalid-gguf", `general.alignment ${String(value)} is not a power of two.`, at);
    return numeric;
  }

  /** Whether the next `length` bytes are already in the window (so they can be read synchronously). */
  private has(length: number): boolean {
    const from = this.position - this.windowStart;
    return from >= 0 && from + length <= this.window.length;
  }

  /** Makes the window hold [position, position + length); the position does not move. */
  private async fill(length: number): Promise<void> {
    if (length > this.remaining)
      this.fail("truncated", `File ends at byte ${this.fileSize}; ${length} more bytes were expected here.`, this.position);
    if (this.has(length)) return;
    const end = Math.min(this.fileSize, this.position + Math.max(length, this.chunkSize));
    const bytes = await this.source.readRange(this.path, this.position, end);
    if (bytes.length < length)
      this.fail("truncated", `Read ${bytes.length} bytes at ${this.position}, expected ${length}.`, this.position + bytes.length);
    this.window = bytes;
    this.windowView = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.windowStart = this.position;
  }

  /** Offset of `position` in the window, then advances by `length` (the caller filled the window). */
  private take(length: number): number {
    const from = this.position - this.windowStart;
    this.position += length;
    return from;
  }

  async bytes(length: number): Promise<Uint8Array> {
    await this.fill(length);
    const from = this.take(length);
    return this.window.slice(from, from + length);
  }
  async u32(): Promise<number> {
    if (!this.has(4)) await this.fill(4);
    return this.windowView.getUint32(this.take(4), this.littleEndian);
  }
  async u64(): Promise<bigint> {
    if (!this.has(8)) await this.fill(8);
    return this.windowView.getBigUint64(this.take(8), this.littleEndian);
  }
  /** A count or length: u32 in GGUF v1, u64 after. */
  async size(): Promise<bigint> {
    if (!this.has(this.sizeBytes)) await this.fill(this.sizeBytes);
    return this.sizeSync();
  }
  private sizeSync(): bigint {
    const from = this.take(this.sizeBytes);
    return this.sizeBytes === 8
      ? this.windowView.getBigUint64(from, this.littleEndian)
      : BigInt(this.windowView.getUint32(from, this.littleEndian));
  }

  /** Checks a string length read at `at` against the limit and the file. */
  private checkStringLength(length: bigint, at: number): number {
    if (length > BigInt(GGUF_LIMITS.maxStringBytes))
      this.fail("count-too-large", `String length ${length} exceeds the limit of ${GGUF_LIMITS.maxStringBytes} bytes.`, at);
    if (length > BigInt(this.remaining))
      this.fail("truncated", `String length ${length} runs past the end of the file.`, at);
    return Number(length);
  }

  private async stringLength(): Promise<number> {
    const at = this.position;
    return this.checkStringLength(await this.size(), at);
  }

  async string(): Promise<string> {
    const at = this.position;
    if (this.has(this.sizeBytes)) {
      const length = this.checkStringLength(this.sizeSync(), at);
      if (this.has(length)) {
        const from = this.take(length);
        return this.decoder.decode(this.window.subarray(from, from + length));
      }
      return this.stringBody(length);
    }
    return this.stringBody(await this.stringLength());
  }
  private async stringBody(length: number): Promise<string> {
    await this.fill(length);
    const from = this.take(length);
    return this.decoder.decode(this.window.subarray(from, from + length));
  }

  private skip(length: number): void {
    if (length > this.remaining)
      this.fail("truncated", `File ends at byte ${this.fileSize}; ${length} more bytes were expected here.`, this.position);
    this.position += length;
  }

  /** Reads one fixed-size value from the window at `from` (the caller filled it). */
  private fixedAt(type: number, from: number): number | bigint | boolean {
    const view = this.windowView;
    const le = this.littleEndian;
    switch (type) {
      case GgufValueType.UINT8: return view.getUint8(from);
      case GgufValueType.INT8: return view.getInt8(from);
      case GgufValueType.UINT16: return view.getUint16(from, le);
      case GgufValueType.INT16: return view.getInt16(from, le);
      case GgufValueType.UINT32: return view.getUint32(from, le);
      case GgufValueType.INT32: return view.getInt32(from, le);
      case GgufValueType.FLOAT32: return view.getFloat32(from, le);
      case GgufValueType.BOOL: return view.getUint8(from) !== 0;
      case GgufValueType.UINT64: return view.getBigUint64(from, le);
      case GgufValueType.INT64: return view.getBigInt64(from, le);
      default: return view.getFloat64(from, le); // FLOAT64, the last fixed type
    }
  }

  /** A scalar or string value of `type` (arrays are `skipArray` / `array`). */
  async value(type: number): Promise<string | number | bigint | boolean> {
    const at = this.position;
    if (type === GgufValueType.STRING) return this.string();
    const width = GGUF_FIXED_VALUE_SIZE[type];
    if (width === undefined) return this.fail("invalid-gguf", `Unknown GGUF value type ${type}.`, at - 4);
    if (!this.has(width)) await this.fill(width);
    return this.fixedAt(type, this.take(width));
  }

  /** An array's element type and length, bounded: what `skipArray` and `array` both start with. */
  private async arrayHead(depth: number): Promise<{ type: number; length: bigint; fixed: number | undefined }> {
    const at = this.position;
    if (depth >= GGUF_LIMITS.maxArrayDepth) this.fail("count-too-large", `Arrays nested deeper than ${GGUF_LIMITS.maxArrayDepth}.`, at);
    const type = await this.u32();
    const length = await this.size();
    const fixed = GGUF_FIXED_VALUE_SIZE[type];
    const minBytes = fixed ?? (type === GgufValueType.STRING ? this.sizeBytes : type === GgufValueType.ARRAY ? 4 + this.sizeBytes : undefined);
    if (minBytes === undefined) this.fail("invalid-gguf", `Unknown GGUF array element type ${type}.`, at);
    this.boundCount(length, minBytes, GGUF_LIMITS.maxArrayLength, "array length", at + 4);
    return { type, length, fixed };
  }

  /** Skips an array value (element type, length, elements) without decoding it. */
  async skipArray(depth: number): Promise<{ type: number; length: bigint }> {
    const { type, length, fixed } = await this.arrayHead(depth);
    const count = Number(length);
    if (fixed !== undefined) this.skip(count * fixed);
    else if (type === GgufValueType.STRING) {
      // Vocabularies hold 10^5 strings: stay synchronous while the window has the bytes.
      for (let i = 0; i < count; i++) {
        const at = this.position;
        this.skip(this.has(this.sizeBytes) ? this.checkStringLength(this.sizeSync(), at) : await this.stringLength());
      }
    } else for (let i = 0; i < count; i++) await this.skipArray(depth + 1);
    return { type, length };
  }

  /**
   * Decodes an array value (element type, length, elements), with the same checks, in the same
   * order, as `skipArray`: a file one accepts the other accepts.
   */
  async array(depth: number): Promise<{ type: number; length: bigint; value: GgufMetadataValue[] }> {
    const { type, length, fixed } = await this.arrayHead(depth);
    const count = Number(length);
    const value: GgufMetadataValue[] = new Array(count);
    if (fixed !== undefined) {
      const bytes = count * fixed;
      if (bytes > this.remaining)
        this.fail("truncated", `File ends at byte ${this.fileSize}; ${bytes} more bytes were expected here.`, this.position);
      await this.fill(bytes);
      const from = this.take(bytes);
      for (let i = 0; i < count; i++) value[i] = this.fixedAt(type, from + i * fixed) as GgufMetadataBaseValue;
    } else if (type === GgufValueType.STRING) {
      // as in `skipArray`: no promise per string while the window holds the bytes
      for (let i = 0; i < count; i++) {
        const at = this.position;
        if (this.has(this.sizeBytes)) {
          const length = this.checkStringLength(this.sizeSync(), at);
          if (this.has(length)) {
            const from = this.take(length);
            value[i] = this.decoder.decode(this.window.subarray(from, from + length));
          } else value[i] = await this.stringBody(length);
        } else value[i] = await this.stringBody(await this.stringLength());
      }
    } else {
      for (let i = 0; i < count; i++) value[i] = (await this.array(depth + 1)).value;
    }
    return { type, length, value };
  }
}
