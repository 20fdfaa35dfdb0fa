import type { GGUFTypedMetadata, MetadataValue, gguf as GgufFunction } from "@huggingface/gguf";
import { InvalidInputError } from "../errors.js";
import type { ModelSource } from "../sources/index.js";
import { ArtifactParseError } from "./errors.js";
import { readExactly, resolveFileSize } from "./file-size.js";
import { GGUF_LIMITS, GGUF_MAGIC, ggmlTensorBytes } from "./gguf-constants.js";
import { GGUF_STAMP_KEYS } from "./omrl-keys.js";
import { createPrefixCache } from "./prefix-cache.js";
import { scanGgufLayout } from "./scan-gguf-layout.js";
import { sourceRangeFetch } from "./source-range-fetch.js";

/** The first read of a GGUF file: a header without a vocabulary fits (and the Hub source reads 64 KiB ahead anyway). */
const GGUF_FIRST_READ = 64 * 1024;
/** `@huggingface/gguf`'s own range size (`HTTP_CHUNK_SIZE`): later reads never make more requests than it would. */
const LIBRARY_CHUNK = 2_000_000;

/**
 * The most header bytes `@huggingface/gguf` can hold (its `HTTP_TOTAL_MAX_SIZE`): it cannot parse
 * a header past this, so no reader here fetches past it either.
 */
export const GGUF_MAX_HEADER_BYTES = 50_000_000;

/** The walker's window: small, so the prefix it pulls in ends close to the header's end. */
const WALK_CHUNK_BYTES = 16 * 1024;

/** One upstream model as `general.base_model.N.*` describes it (keys without the prefix). */
export type GgufBaseModel = Record<string, MetadataValue>;

/** The licence and provenance keys, picked out for the rules. */
export type GgufLicenseFields = {
  license?: string | undefined;
  licenseName?: string | undefined;
  licenseLink?: string | undefined;
  /** `omrl.terms_core_sha256`, as `omrl tag --stamp` writes it. */
  termsCoreHash?: string | undefined;
  /** `general.base_model.count` as declared. */
  baseModelCount?: number | undefined;
  /** `general.base_model.0.*` … up to the declared count (at most 1000). */
  baseModels: GgufBaseModel[];
  /** `general.source.*` (url, doi, uuid, repo_url, huggingface.repository…) without the prefix. */
  source: Record<string, MetadataValue>;
  /**
   * `general.source.huggingface.repository`, or the legacy misspelling
   * `general.source.hugginface.repository` that older llama.cpp converters wrote.
   */
  sourceHuggingFaceRepository?: string | undefined;
};

export type GgufMetadata = {
  version: 1 | 2 | 3;
  littleEndian: boolean;
  /** Every key/value (bigint for 64-bit integers), without the synthetic version/count entries. */
  kv: Record<string, MetadataValue>;
  /** Each key's GGUF value type (and array element type). */
  kvTypes: Record<string, { type: number; subType?: number | undefined }>;
  tensorCount: number;
  tensorInfos: { name: string; shape: bigint[]; type: number; offset: bigint }[];
  /** Absolute byte offset where tensor data starts. */
  tensorDataOffset: number;
  /** [start, end) of the tensor info section. */
  tensorInfoByteRange: [number, number];
  fileSize: number;
  licenseFields: GgufLicenseFields;
};

export type ReadGgufMetadataParameters = {
  fileSize?: number | undefined;
  /**
   * Refuse (`header-too-large`) a header longer than this; default and maximum
   * `GGUF_MAX_HEADER_BYTES` (50 MB, the most `@huggingface/gguf` parses).
   */
  maxHeaderBytes?: number | undefined;
};

export type ReadGgufMetadataReturnType = GgufMetadata;

/**
 * Reads GGUF key/values and tensor infos with `@huggingface/gguf`, served through
 * `source.readRange` (a `fetch` that answers Range requests), so the same code reads local files
 * and Hub files. Around the library: the counts are bounded against the real file size before it
 * allocates, and what it parsed is checked against the file size afterwards (the library pads
 * its buffer with zeros, so a truncated file would otherwise parse). Tensors must lie inside the
 * data section, aligned, without overlapping.
 *
 * Bytes: every read of the file goes through one growing prefix (`createPrefixCache`). For v2/v3
 * little-endian files the exact walker `scanGgufLayout` first finds where the header ends, then
 * the library is served that prefix clipped to the header end (its fixed 2 MB chunk requests get
 * fewer bytes), so a source sees the header once plus a read-ahead. The first read is 64 KiB
 * (headers without a vocabulary fit); a longer header then grows to the library's own 2 MB
 * chunk boundary and on by max(2 MB, 50 %), so it never costs more range requests or bytes than
 * the library alone would, and a tiny header costs one 64 KiB range instead of 2 MB. The
 * library's parse must end where the walker's did.
 *
 * @example
 * const meta = await readGgufMetadata(source, "model.Q4_K_M.gguf");
 * meta.licenseFields.license; // "LicenseRef-OMRL-1.0" once stamped
 */
export async function readGgufMetadata(
  original: ModelSource,
  path: string,
  parameters: ReadGgufMetadataParameters = {},
): Promise<ReadGgufMetadataReturnType> {
  const fileSize = await resolveFileSize(original, path, parameters.fileSize);
  const fail = (reason: ArtifactParseError["reason"], message: string, offset?: number | bigint, cause?: unknown): never => {
    throw new ArtifactParseError(message, { reason, path, offset, cause });
  };
  const requestedMax = parameters.maxHeaderBytes ?? GGUF_MAX_HEADER_BYTES;
  if (!Number.isSafeInteger(requestedMax) || requestedMax < 24)
    throw new InvalidInputError(`maxHeaderBytes ${requestedMax} is not an integer ≥ 24.`, { location: path });
  const maxHeaderBytes = Math.min(requestedMax, GGUF_MAX_HEADER_BYTES);
  // Every parser below reads through this prefix, so the source sees each header byte once.
  const source = createPrefixCache(original, path, {
    fileSize,
    maxBytes: maxHeaderBytes,
    firstRead: GGUF_FIRST_READ,
    minReadAhead: LIBRARY_CHUNK - GGUF_FIRST_READ,
    readAheadRatio: 0.5,
  });
  const tooLarge = (): never =>
    fail("header-too-large", `The GGUF header runs past ${maxHeaderBytes} bytes, the most that is read.`, maxHeaderBytes);

  // The fixed header, checked by hand: the library would read zeros past a short file.
  if (fileSize < 4) fail("truncated", `File is ${fileSize} bytes; a GGUF file starts with a 4-byte magic.`, fileSize);
  const magic = await readExactly(source, path, 0, 4);
  if (!GGUF_MAGIC.every((byte, i) => magic[i] === byte)) fail("bad-magic", "Not a GGUF file (magic is not `GGUF`).", 0);
  if (fileSize < 8) fail("truncated", `File is ${fileSize} bytes; it ends inside the GGUF version field.`, fileSize);
  const versionBytes = await readExactly(source, path, 4, 8);
  const versionView = new DataView(versionBytes.buffer, versionBytes.byteOffset, 4);
  const littleEndian = (versionView.getUint32(0, true) & 0xffff) !== 0;
  const version = versionView.getUint32(0, littleEndian) as 1 | 2 | 3;
  if (version !== 1 && version !== 2 && version !== 3) fail("unsupported-version", `GGUF version ${version} is not supported.`, 4);
  const countBytes = version === 1 ? 4 : 8;
  if (fileSize < 8 + 2 * countBytes) fail("truncated", `File is ${fileSize} bytes; it ends inside the GGUF counts.`, fileSize);
  const counts = await readExactly(source, path, 8, 8 + 2 * countBytes);
  const countsView = new DataView(counts.buffer, counts.byteOffset, counts.byteLength);
  const read = (at: number) => (version === 1 ? BigInt(countsView.getUint32(at, littleEndian)) : countsView.getBigUint64(at, littleEndian));
  const tensorCount = read(0);
  const kvCount = read(countBytes);
  const left = BigInt(fileSize - 8 - 2 * countBytes);
  // Over a fixed limit: hostile. Within it but larger than the file can hold: truncated.
  const bound = (count: bigint, limit: number, minBytesEach: number, what: string, at: number) => {
    if (count > BigInt(limit)) fail("count-too-large", `GGUF ${what} ${count} exceeds the limit of ${limit}.`, at);
    if (count * BigInt(minBytesEach) > left) fail("truncated", `GGUF ${what} ${count} cannot fit in a ${fileSize}-byte file.`, at);
  };
  bound(kvCount, GGUF_LIMITS.maxKvCount, countBytes + 5, "key/value count", 8 + countBytes);
  bound(tensorCount, GGUF_LIMITS.maxTensorCount, countBytes + 16, "tensor count", 8);

  // Where the header ends, found exactly (and every count and length checked) by our own walker,
  // which handles v2/v3 little-endian; v1 and big-endian files leave the library unclipped.
  let headerEnd: number | undefined;
  if (version !== 1 && littleEndian) {
    try {
      headerEnd = (await scanGgufLayout(source, path, { fileSize, chunkSize: WALK_CHUNK_BYTES })).tensorInfoEnd;
    } catch (error) {
      // a read clipped at the limit looks like a short file to the walker
      if (source.limitReached && error instanceof ArtifactParseError && error.reason === "truncated") tooLarge();
      throw error;
    }
    // the walker skips fixed-size arrays without reading them, so it can end past the limit
    if (headerEnd > maxHeaderBytes) tooLarge();
  }

  let parsed: Awaited<ReturnType<typeof GgufFunction>> & { typedMetadata: GGUFTypedMetadata };
  // loaded on first use: only a GGUF file pays for the parser
  const { gguf } = await import("@huggingface/gguf");
  try {
    parsed = await gguf(`https://omrl.invalid/${encodeURIComponent(path)}`, {
      fetch: sourceRangeFetch(source, path, fileSize, { end: headerEnd }),
      typedMetadata: true,
    });
  } catch (error) {
    if (headerEnd === undefined && source.limitReached) tooLarge();
    const message = error instanceof Error ? error.message : String(error);
    const reason = /exceeds maximum|cannot fit|exceeds the maximum/i.test(message) ? "count-too-large" : "invalid-gguf";
    return fail(reason, `GGUF header does not parse: ${message}`, undefined, error);
  }

  const [tensorInfoStart, tensorInfoEnd] = parsed.tensorInfoByteRange;
  // The library only saw [0, headerEnd): a parse ending elsewhere read zero padding as data.
  if (headerEnd !== undefined && tensorInfoEnd !== headerEnd)
    fail("invalid-gguf", `@huggingface/gguf ends the header at byte ${tensorInfoEnd}, the exact walk at ${headerEnd}.`, Math.min(tensorInfoEnd, headerEnd));
  if (source.limitReached && tensorInfoEnd > maxHeaderBytes) tooLarge();
  if (tensorInfoEnd > fileSize)
    fail("truncated", `The GGUF header runs to byte ${tensorInfoEnd}, past the end of the ${fileSize}-byte file.`, fileSize);
  const tensorDataOffset = Number(parsed.tensorDataOffset);
  if (parsed.tensorInfos.length > 0 && tensorDataOffset > fileSize)
    fail("truncated", `Tensor data would start at byte ${tensorDataOffset}, past the end of the file.`, fileSize);

  const alignment = Number((parsed.metadata as Record<string, MetadataValue | undefined>)["general.alignment"] ?? 32);
  const spans = parsed.tensorInfos
    .map((tensor) => {
      const elements = tensor.shape.reduce((product, dim) => product * dim, 1n);
      return { tensor, start: tensor.offset, bytes: ggmlTensorBytes(tensor.dtype, elements) };
    })
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const dataLength = BigInt(Math.max(0, fileSize - tensorDataOffset));
  let previousEnd = 0n;
  for (const { tensor, start, bytes } of spans) {
    if (start % BigInt(alignment) !== 0n)
      fail("invalid-gguf", `Tensor "${tensor.name}" offset ${start} is not a multiple of the alignment ${alignment}.`, tensorInfoStart);
    if (start < previousEnd) fail("invalid-gguf", `Tensor "${tensor.name}" overlaps the previous tensor.`, BigInt(tensorDataOffset) + start);
    const end = start + (bytes ?? 0n);
    if (end > dataLength || start > dataLength)
      fail("invalid-gguf", `Tensor "${tensor.name}" [${start}, ${end}) runs past the ${dataLength}-byte data section.`, BigInt(tensorDataOffset) + start);
    previousEnd = end;
  }

  const kv: Record<string, MetadataValue> = {};
  const kvTypes: GgufMetadata["kvTypes"] = {};
  for (const [key, entry] of Object.entries(parsed.typedMetadata)) {
    if (key === "version" || key === "tensor_count" || key === "kv_count") continue;
    const typed = entry as { value: MetadataValue; type: number; subType?: number };
    kv[key] = typed.value;
    kvTypes[key] = typed.subType === undefined ? { type: typed.type } : { type: typed.type, subType: typed.subType };
  }

  return {
    version,
    littleEndian,
    kv,
    kvTypes,
    tensorCount: parsed.tensorInfos.length,
    tensorInfos: parsed.tensorInfos.map((tensor) => ({ name: tensor.name, shape: tensor.shape, type: tensor.dtype, offset: tensor.offset })),
    tensorDataOffset,
    tensorInfoByteRange: [tensorInfoStart, tensorInfoEnd],
    fileSize,
    licenseFields: pickGgufLicenseFields(kv),
  };
}

/** Picks the licence and provenance keys out of GGUF key/values. */
export function pickGgufLicenseFields(kv: Record<string, MetadataValue>): GgufLicenseFields {
  const text = (key: string) => (typeof kv[key] === "string" ? (kv[key] as string) : undefined);
  const fields: GgufLicenseFields = { baseModels: [], source: {} };
  const set = <K extends keyof GgufLicenseFields>(key: K, value: GgufLicenseFields[K] | undefined) => {
    if (value !== undefined) fields[key] = value;
  };
  set("license", text(GGUF_STAMP_KEYS.license));
  set("licenseName", text(GGUF_STAMP_KEYS.licenseName));
  set("licenseLink", text(GGUF_STAMP_KEYS.licenseLink));
  set("termsCoreHash", text(GGUF_STAMP_KEYS.termsCoreSha256));
  const count = kv["general.base_model.count"];
  const declared = typeof count === "bigint" ? Number(count) : typeof count === "number" ? count : undefined;
  if (declared !== undefined && Number.isSafeInteger(declared) && declared >= 0) {
    fields.baseModelCount = declared;
    for (let i = 0; i < Math.min(declared, 1000); i++) {
      const prefix = `general.base_model.${i}.`;
      const model: GgufBaseModel = {};
      for (const [key, value] of Object.entries(kv)) if (key.startsWith(prefix)) model[key.slice(prefix.length)] = value;
      fields.baseModels.push(model);
    }
  }
  for (const [key, value] of Object.entries(kv))
    if (key.startsWith("general.source.")) fields.source[key.slice("general.source.".length)] = value;
  set("sourceHuggingFaceRepository", text("general.source.huggingface.repository") ?? text("general.source.hugginface.repository"));
  return fields;
}
