import { ArtifactParseError } from "./errors.js";
import { GgufValueType, alignUp } from "./gguf-constants.js";
import { GGUF_STAMP_KEYS, SAFETENSORS_STAMP_KEYS, resolveStampValues, type StampValues } from "./omrl-keys.js";
import { SAFETENSORS_MAX_HEADER_BYTES, decodeSafetensorsHeader } from "./parse-safetensors-header.js";
import type { GgufLayout } from "./scan-gguf-layout.js";

export type StampSafetensorsHeaderParameters = {
  /** The original header JSON bytes (the `headerLength` bytes after the 8-byte prefix). */
  headerBytes: Uint8Array;
  /** The original file size, to validate the new header against the unchanged data section. */
  fileSize: number;
  values: StampValues;
  path?: string | undefined;
};

export type StampedHeader = {
  /** The complete new header: for safetensors the 8-byte prefix + padded JSON; for GGUF everything before the tensor data. */
  bytes: Uint8Array;
  /** Where tensor data starts in the original file (copy [oldDataOffset, fileSize) after `bytes`). */
  oldDataOffset: number;
  /** False when the file already carries exactly these values (nothing to write). */
  changed: boolean;
};

/**
 * The new safetensors header for a stamped file: `__metadata__` gains (or updates) `license`,
 * `license_name`, `license_link` and `omrl.terms_core_sha256`; every tensor entry is kept as it
 * was (offsets are relative to the data section, so they stay valid). Serialised as the
 * reference writer does: 8-byte little-endian length, JSON padded with spaces to a multiple of
 * 8 bytes. The result is re-validated against the unchanged data section.
 *
 * @example
 * const { bytes } = stampSafetensorsHeader({ headerBytes, fileSize, values: { termsCoreHash } });
 */
export function stampSafetensorsHeader(parameters: StampSafetensorsHeaderParameters): StampedHeader {
  const { headerBytes, fileSize, path } = parameters;
  const values = resolveStampValues(parameters.values);
  const original = decodeSafetensorsHeader({ headerBytes, fileSize, path });
  const json = JSON.parse(new TextDecoder().decode(headerBytes)) as Record<string, unknown>;
  const metadata: Record<string, string> = {
    ...original.metadata,
    [SAFETENSORS_STAMP_KEYS.license]: values.license,
    [SAFETENSORS_STAMP_KEYS.licenseName]: values.licenseName,
    [SAFETENSORS_STAMP_KEYS.licenseLink]: values.licenseLink,
    [SAFETENSORS_STAMP_KEYS.termsCoreSha256]: values.termsCoreHash,
  };
  const changed = Object.entries(metadata).some(([key, value]) => original.metadata[key] !== value);
  const oldDataOffset = original.dataOffset;
  if (!changed) return { bytes: fileHead(headerBytes), oldDataOffset, changed };

  // A null prototype: a tensor named "__proto__" must stay a plain key, not become a prototype.
  const rebuilt = Object.create(null) as Record<string, unknown>;
  rebuilt.__metadata__ = metadata;
  for (const [key, value] of Object.entries(json)) if (key !== "__metadata__") rebuilt[key] = value;
  const text = JSON.stringify(rebuilt);
  const encoded = new TextEncoder().encode(text);
  const padded = new Uint8Array(alignUp(encoded.length, 8)).fill(0x20);
  padded.set(encoded);
  if (padded.length > SAFETENSORS_MAX_HEADER_BYTES)
    throw new ArtifactParseError("The stamped header would exceed 100 MB.", { reason: "header-too-large", path });
  const dataLength = fileSize - oldDataOffset;
  decodeSafetensorsHeader({ headerBytes: padded, fileSize: 8 + padded.length + dataLength, path });
  return { bytes: fileHead(padded), oldDataOffset, changed };
}

function fileHead(json: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + json.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  return out;
}

export type StampGgufHeaderParameters = {
  layout: GgufLayout;
  /** The original file's bytes [0, layout.tensorInfoEnd). */
  headerBytes: Uint8Array;
  values: StampValues;
  path?: string | undefined;
};

/**
 * The new GGUF header for a stamped file: the key/value section with `general.license`,
 * `general.license.name`, `general.license.link` and `omrl.terms_core_sha256` set (replaced in
 * place when present, appended otherwise) and every other entry copied byte for byte; the tensor
 * info section copied byte for byte; zero padding up to the file's alignment. Tensor offsets are
 * relative to the data start, so the tensor data can follow unchanged.
 *
 * @example
 * const layout = await scanGgufLayout(source, path);
 * const head = await source.readRange(path, 0, layout.tensorInfoEnd);
 * const { bytes } = stampGgufHeader({ layout, headerBytes: head, values: { termsCoreHash } });
 */
export function stampGgufHeader(parameters: StampGgufHeaderParameters): StampedHeader {
  const { layout, headerBytes, path } = parameters;
  if (headerBytes.length < layout.tensorInfoEnd)
    throw new ArtifactParseError("Header bytes are shorter than the scanned layout.", { reason: "truncated", path });
  const values = resolveStampValues(parameters.values);
  const wanted = new Map<string, string>([
    [GGUF_STAMP_KEYS.license, values.license],
    [GGUF_STAMP_KEYS.licenseName, values.licenseName],
    [GGUF_STAMP_KEYS.licenseLink, values.licenseLink],
    [GGUF_STAMP_KEYS.termsCoreSha256, values.termsCoreHash],
  ]);
  const oldDataOffset = layout.tensorDataOffset;
  const changed = [...wanted].some(([key, value]) => {
    const entry = layout.entries.find((candidate) => candidate.key === key);
    return !entry || entry.type !== GgufValueType.STRING || entry.value !== value;
  });
  if (!changed) return { bytes: headerBytes.slice(0, Math.min(oldDataOffset, headerBytes.length)), oldDataOffset, changed };

  const parts: Uint8Array[] = [];
  const written = new Set<string>();
  const seen = new Set<string>();
  for (const entry of layout.entries) {
    const replacement = wanted.get(entry.key);
    // A duplicated key keeps only its first occurrence, as llama.cpp refuses duplicates.
    if (seen.has(entry.key)) continue;
    seen.add(entry.key);
    if (replacement === undefined) parts.push(headerBytes.subarray(entry.start, entry.end));
    else {
      parts.push(encodeStringEntry(entry.key, replacement));
      written.add(entry.key);
    }
  }
  for (const [key, value] of wanted) if (!written.has(key)) parts.push(encodeStringEntry(key, value));

  const fixed = new Uint8Array(24);
  const view = new DataView(fixed.buffer);
  fixed.set(headerBytes.subarray(0, 8)); // magic + version
  view.setBigUint64(8, layout.tensorCount, true);
  view.setBigUint64(16, BigInt(parts.length), true);
  const tensorInfo = headerBytes.subarray(layout.tensorInfoStart, layout.tensorInfoEnd);
  const unpadded = fixed.length + parts.reduce((sum, part) => sum + part.length, 0) + tensorInfo.length;
  const out = new Uint8Array(alignUp(unpadded, layout.alignment)); // zero padding
  let at = 0;
  for (const part of [fixed, ...parts, tensorInfo]) {
    out.set(part, at);
    at += part.length;
  }
  return { bytes: out, oldDataOffset, changed };
}

function encodeStringEntry(key: string, value: string): Uint8Array {
  const keyBytes = new TextEncoder().encode(key);
  const valueBytes = new TextEncoder().encode(value);
  const out = new Uint8Array(8 + keyBytes.length + 4 + 8 + valueBytes.length);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(keyBytes.length), true);
  out.set(keyBytes, 8);
  view.setUint32(8 + keyBytes.length, GgufValueType.STRING, true);
  view.setBigUint64(12 + keyBytes.length, BigInt(valueBytes.length), true);
  out.set(valueBytes, 20 + keyBytes.length);
  return out;
}
