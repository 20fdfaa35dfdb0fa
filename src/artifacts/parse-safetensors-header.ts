import type { ModelSource } from "../sources/index.js";
import { ArtifactParseError } from "./errors.js";
import { readExactly, resolveFileSize } from "./file-size.js";
import { SAFETENSORS_STAMP_KEYS } from "./omrl-keys.js";
import { SAFETENSORS_DTYPE_BITS, isSafetensorsDtype, type SafetensorsDtype } from "./safetensors-dtypes.js";

/** The safetensors reference implementation refuses headers above 100 MB; so do we. */
export const SAFETENSORS_MAX_HEADER_BYTES = 100_000_000;

export type SafetensorsTensor = {
  name: string;
  dtype: SafetensorsDtype;
  shape: number[];
  /** [start, end) relative to the start of the data section (`dataOffset`). */
  dataOffsets: [number, number];
};

/** Licence-related `__metadata__` entries, picked out for the rules. */
export type SafetensorsLicenseFields = {
  /** `license`, else Stability's `modelspec.license`. */
  license?: string | undefined;
  licenseName?: string | undefined;
  licenseLink?: string | undefined;
  /** `omrl.terms_core_sha256`, as `omrl tag --stamp` writes it. */
  termsCoreHash?: string | undefined;
};

export type SafetensorsHeader = {
  /** The 8-byte little-endian length prefix: bytes of JSON (with its space padding). */
  headerLength: number;
  /** Where tensor data starts: 8 + headerLength. */
  dataOffset: number;
  fileSize: number;
  /** `__metadata__` (string → string); empty when absent. */
  metadata: Record<string, string>;
  /** Whether the header had a `__metadata__` object at all. */
  hasMetadata: boolean;
  /** Sorted by data offset. */
  tensors: SafetensorsTensor[];
  licenseFields: SafetensorsLicenseFields;
};

export type ParseSafetensorsHeaderParameters = {
  /** The file's size if the caller already knows it (saves a `listFiles()`). */
  fileSize?: number | undefined;
};

export type ParseSafetensorsHeaderReturnType = SafetensorsHeader;

/**
 * Reads and validates a safetensors header without touching tensor data: the 8-byte
 * little-endian length, then the JSON. Checks what the reference (Rust) implementation checks:
 * header ≤ 100 MB and inside the file, UTF-8 JSON object starting with `{`, `__metadata__` of
 * strings, known dtypes, integer data offsets that tile the data section from 0 to the end of
 * the file with no gap or overlap, and shape × dtype size = byte length.
 *
 * Any failure is one `ArtifactParseError` naming the file (and the byte offset where relevant).
 *
 * @example
 * const header = await parseSafetensorsHeader(source, "model.safetensors");
 * header.metadata.license; // "LicenseRef-OMRL-1.0" once stamped
 */
export async function parseSafetensorsHeader(
  source: ModelSource,
  path: string,
  parameters: ParseSafetensorsHeaderParameters = {},
): Promise<ParseSafetensorsHeaderReturnType> {
  const fileSize = await resolveFileSize(source, path, parameters.fileSize);
  if (fileSize < 8)
    throw new ArtifactParseError(`File is ${fileSize} bytes; a safetensors file starts with an 8-byte header length.`, {
      reason: "truncated",
      path,
      offset: fileSize,
    });
  const prefix = await readExactly(source, path, 0, 8);
  const headerLength = readHeaderLength(prefix, fileSize, path);
  const headerBytes = await readExactly(source, path, 8, 8 + headerLength);
  return decodeSafetensorsHeader({ headerBytes, fileSize, path });
}

/** Validates the length prefix; returns it as a number (≤ 100 MB, so exact). */
export function readHeaderLength(prefix: Uint8Array, fileSize: number, path?: string): number {
  const view = new DataView(prefix.buffer, prefix.byteOffset, prefix.byteLength);
  const declared = view.getBigUint64(0, true);
  if (declared > BigInt(SAFETENSORS_MAX_HEADER_BYTES))
    throw new ArtifactParseError(
      `Header length ${declared} exceeds the ${SAFETENSORS_MAX_HEADER_BYTES}-byte limit.`,
      { reason: "header-too-large", path, offset: 0 },
    );
  const headerLength = Number(declared);
  if (8 + headerLength > fileSize)
    throw new ArtifactParseError(`Header length ${headerLength} exceeds the file size ${fileSize}.`, {
      reason: "header-length-exceeds-file",
      path,
      offset: 0,
    });
  return headerLength;
}

export type DecodeSafetensorsHeaderParameters = {
  /** The JSON bytes (the `headerLength` bytes after the prefix). */
  headerBytes: Uint8Array;
  fileSize: number;
  path?: string | undefined;
};

/** The pure part of `parseSafetensorsHeader`: validates header JSON bytes against a file size. */
export function decodeSafetensorsHeader(parameters: DecodeSafetensorsHeaderParameters): SafetensorsHeader {
  const { headerBytes, fileSize, path } = parameters;
  const headerLength = headerBytes.length;
  const dataOffset = 8 + headerLength;
  const fail = (reason: ArtifactParseError["reason"], message: string, offset: number | undefined = 8) => {
    throw new ArtifactParseError(message, { reason, path, offset });
  };

  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(headerBytes);
  } catch {
    return fail("invalid-utf8", "Header is not valid UTF-8.");
  }
  if (!text.startsWith("{")) return fail("invalid-header", "Header does not start with `{`.");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail("invalid-json", `Header is not valid JSON (${(error as Error).message}).`);
  }
  if (!isPlainObject(json)) return fail("invalid-header", "Header JSON is not an object.");

  let metadata: Record<string, string> = {};
  let hasMetadata = false;
  const tensors: SafetensorsTensor[] = [];
  for (const [name, value] of Object.entries(json)) {
    if (name === "__metadata__") {
      if (value === null) continue;
      if (!isPlainObject(value)) return fail("invalid-metadata", "`__metadata__` is not an object.");
      for (const [key, entry] of Object.entries(value))
        if (typeof entry !== "string")
          return fail("invalid-metadata", `\`__metadata__.${key}\` is ${describe(entry)}, not a string.`);
      metadata = { ...(value as Record<string, string>) };
      hasMetadata = true;
      continue;
    }
    if (!isPlainObject(value)) return fail("invalid-header", `Tensor "${name}" is not an object.`);
    const { dtype, shape, data_offsets: offsets } = value;
    if (!isSafetensorsDtype(dtype)) return fail("unknown-dtype", `Tensor "${name}" has unknown dtype ${JSON.stringify(dtype)}.`);
    if (!Array.isArray(shape) || !shape.every(isNonNegativeInteger))
      return fail("invalid-header", `Tensor "${name}" shape is not a list of non-negative integers.`);
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isNonNegativeInteger))
      return fail("invalid-offsets", `Tensor "${name}" data_offsets is not a pair of non-negative integers.`);
    const [start, end] = offsets as [number, number];
    if (end < start) return fail("invalid-offsets", `Tensor "${name}" data_offsets end ${end} is before start ${start}.`);
    tensors.push({ name, dtype, shape: shape as number[], dataOffsets: [start, end] });
  }

  // Same order and rule as the reference reader: sorted by offsets, each tensor starting where
  // the previous one ended (no gap, no overlap), the last one ending at the end of the file.
  tensors.sort((a, b) => a.dataOffsets[0] - b.dataOffsets[0] || a.dataOffsets[1] - b.dataOffsets[1]);
  const dataLength = fileSize - dataOffset;
  let expectedStart = 0;
  for (const tensor of tensors) {
    const [start, end] = tensor.dataOffsets;
    if (start !== expectedStart) {
      const problem = start < expectedStart ? "overlaps the previous tensor" : `leaves a gap after byte ${expectedStart}`;
      return fail("invalid-offsets", `Tensor "${tensor.name}" data_offsets [${start}, ${end}] ${problem}.`, dataOffset + start);
    }
    if (end > dataLength)
      return fail("invalid-offsets", `Tensor "${tensor.name}" ends at data byte ${end}, past the ${dataLength}-byte data section.`, dataOffset + start);
    const bits = tensor.shape.reduce((product, dim) => product * BigInt(dim), 1n) * BigInt(SAFETENSORS_DTYPE_BITS[tensor.dtype]);
    if (bits % 8n !== 0n || bits / 8n !== BigInt(end - start))
      return fail(
        "size-mismatch",
        `Tensor "${tensor.name}" is ${tensor.dtype}[${tensor.shape.join(", ")}] (${bits} bits) but spans ${end - start} bytes.`,
        dataOffset + start,
      );
    expectedStart = end;
  }
  if (expectedStart !== dataLength)
    return fail("incomplete-data", `Tensors cover ${expectedStart} of the ${dataLength} data bytes.`, dataOffset + expectedStart);

  return {
    headerLength,
    dataOffset,
    fileSize,
    metadata,
    hasMetadata,
    tensors,
    licenseFields: pickLicenseFields(metadata),
  };
}

function pickLicenseFields(metadata: Record<string, string>): SafetensorsLicenseFields {
  const fields: SafetensorsLicenseFields = {};
  const license = metadata[SAFETENSORS_STAMP_KEYS.license] ?? metadata["modelspec.license"];
  if (license !== undefined) fields.license = license;
  const name = metadata[SAFETENSORS_STAMP_KEYS.licenseName];
  if (name !== undefined) fields.licenseName = name;
  const link = metadata[SAFETENSORS_STAMP_KEYS.licenseLink];
  if (link !== undefined) fields.licenseLink = link;
  const hash = metadata[SAFETENSORS_STAMP_KEYS.termsCoreSha256];
  if (hash !== undefined) fields.termsCoreHash = hash;
  return fields;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

function describe(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "a list" : `a ${typeof value}`;
}
