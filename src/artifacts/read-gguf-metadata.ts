import { InvalidInputError } from "../errors.js";
import type { ModelSource } from "../sources/index.js";
import { decodeGgufHeader } from "./decode-gguf-header.js";
import { ArtifactParseError } from "./errors.js";
import { readExactly, resolveFileSize } from "./file-size.js";
import { GGUF_LIMITS, GGUF_MAGIC, ggmlTensorBytes } from "./gguf-constants.js";
import type { GgufMetadataValue } from "./gguf-range-reader.js";
import { GGUF_STAMP_KEYS } from "./omrl-keys.js";
import { createPrefixCache } from "./prefix-cache.js";

/** The first read of a GGUF file: a header without a vocabulary fits (and the Hub source reads 64 KiB ahead anyway). */
const GGUF_FIRST_READ = 64 * 1024;
/**
 * Smallest later read: 2 MB, `@huggingface/gguf`'s range size (`HTTP_CHUNK_SIZE`), so a long
 * header never costs more range requests than that library would make.
 */
const LATER_READ_BYTES = 2_000_000;

/**
 * The most header bytes read (50 MB, `@huggingface/gguf`'s `HTTP_TOTAL_MAX_SIZE`, kept so that
 * both accept the same files).
 */
export const GGUF_MAX_HEADER_BYTES = 50_000_000;

/** The decoder's window: small, so the prefix it pulls in ends close to the header's end. */
const WALK_CHUNK_BYTES = 16 * 1024;

/** One upstream model as `general.base_model.N.*` describes it (keys without the prefix). */
export type GgufBaseModel = Record<string, GgufMetadataValue>;

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
  source: Record<string, GgufMetadataValue>;
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
  kv: Record<string, GgufMetadataValue>;
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
   * `GGUF_MAX_HEADER_BYTES` (50 MB).
   */
  maxHeaderBytes?: number | undefined;
};

export type ReadGgufMetadataReturnType = GgufMetadata;

/**
 * Reads GGUF key/values and tensor infos (v1, v2, v3, either byte order) with the project's own
 * exact decoder (`decodeGgufHeader`), through `source.readRange`, so the same code reads local
 * files and Hub files. The fixed header is checked first and the counts bounded against the
 * real file size before anything is allocated; every structure is checked against the file size
 * as it is read (nothing past the end is read as zeros). Tensors must lie inside the data
 * section, aligned, without overlapping.
 *
 * Bytes: every read of the file goes through one growing prefix (`createPrefixCache`), so a
 * source sees each header byte once, plus a bounded read-ahead. The first read is 64 KiB
 * (headers without a vocabulary fit); a longer header then grows to 2 MB and on by
 * max(2 MB, 50 %), so it never costs more range requests or bytes than `@huggingface/gguf`'s
 * fixed 2 MB chunks would, and a tiny header costs one 64 KiB range.
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
  const fail = (reason: ArtifactParseError["reason"], message: string, offset?: number | bigint): never => {
    throw new ArtifactParseError(message, { reason, path, offset });
  };
  const requestedMax = parameters.maxHeaderBytes ?? GGUF_MAX_HEADER_BYTES;
  if (!Number.isSafeInteger(requestedMax) || requestedMax < 24)
    throw new InvalidInputError(`maxHeaderBytes ${requestedMax} is not an integer ≥ 24.`, { location: path });
  const maxHeaderBytes = Math.min(requestedMax, GGUF_MAX_HEADER_BYTES);
  // Every read below goes through this prefix, so the source sees each header byte once.
  const source = createPrefixCache(original, path, {
    fileSize,
    maxBytes: maxHeaderBytes,
    firstRead: GGUF_FIRST_READ,
    minReadAhead: LATER_READ_BYTES - GGUF_FIRST_READ,
    readAheadRatio: 0.5,
  });
  const tooLarge = (): never =>
    fail("header-too-large", `The GGUF header runs past ${maxHeaderBytes} bytes, the most that is read.`, maxHeaderBytes);

  // The fixed header, checked against the real file size.
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

  let header: Awaited<ReturnType<typeof decodeGgufHeader>>;
  try {
    header = await decodeGgufHeader(source, path, { fileSize, chunkSize: WALK_CHUNK_BYTES });
  } catch (error) {
    // a read clipped at the limit looks like a short file to the decoder
    if (source.limitReached && error instanceof ArtifactParseError && error.reason === "truncated") tooLarge();
    throw error;
  }
  const { tensorInfos, tensorInfoStart, tensorInfoEnd, tensorDataOffset, alignment } = header;
  if (tensorInfoEnd > maxHeaderBytes) tooLarge();
  if (tensorInfos.length > 0 && tensorDataOffset > fileSize)
    fail("truncated", `Tensor data would start at byte ${tensorDataOffset}, past the end of the file.`, fileSize);

  const spans = tensorInfos
    .map((tensor) => {
      const elements = tensor.shape.reduce((product, dim) => product * dim, 1n);
      return { tensor, start: tensor.offset, bytes: ggmlTensorBytes(tensor.type, elements) };
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

  return {
    version: header.version,
    littleEndian: header.littleEndian,
    kv: header.kv,
    kvTypes: header.kvTypes,
    tensorCount: tensorInfos.length,
    tensorInfos,
    tensorDataOffset,
    tensorInfoByteRange: [tensorInfoStart, tensorInfoEnd],
    fileSize,
    licenseFields: pickGgufLicenseFields(header.kv),
  };
}

/** Picks the licence and provenance keys out of GGUF key/values. */
export function pickGgufLicenseFields(kv: Record<string, GgufMetadataValue>): GgufLicenseFields {
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
