import { sha256 } from "@noble/hashes/sha2";
import type { ModelSource } from "../sources/index.js";
import { detectArtifactFormat, type ArtifactFormat } from "./detect-artifact-format.js";
import { ArtifactParseError } from "./errors.js";
import { resolveFileSize } from "./file-size.js";
import { parseSafetensorsHeader } from "./parse-safetensors-header.js";
import { scanGgufLayout } from "./scan-gguf-layout.js";

/** An incremental sha256: `@noble/hashes` by default (runs anywhere); Node passes `node:crypto` (≈6× faster). */
export type Sha256Hasher = { update(bytes: Uint8Array): unknown; digest(): Uint8Array };
export type Sha256Factory = () => Sha256Hasher;

/** The portable default: `@noble/hashes`' sha256. */
export const nobleSha256: Sha256Factory = () => sha256.create();

export type WeightsDigestParameters = {
  /** Which sha256 to use (default `nobleSha256`; `omrl/node` exports `nodeSha256`). */
  createHash?: Sha256Factory | undefined;
  fileSize?: number | undefined;
  /** Bytes per `readRange` while hashing (default 8 MiB). */
  chunkSize?: number | undefined;
  /** Force the format instead of detecting it from the name / magic. */
  format?: ArtifactFormat | undefined;
};

export type WeightsDigestReturnType = {
  format: ArtifactFormat;
  /** Lower-case hex sha256 of the tensor data bytes only. */
  digest: string;
  /** [dataOffset, fileSize) is what was hashed. */
  dataOffset: number;
  dataLength: number;
};

/**
 * The **weights digest**: sha256 over the tensor data only — the safetensors data section (after
 * the header), the GGUF tensor data (from the aligned data start to the end of the file). It does
 * not change when a header is rewritten (stamping, metadata edits), so it identifies the weights
 * themselves. Streams through `readRange` in chunks; the header is validated first.
 *
 * @example
 * const { digest } = await weightsDigest(source, "model.safetensors");
 */
export async function weightsDigest(
  source: ModelSource,
  path: string,
  parameters: WeightsDigestParameters = {},
): Promise<WeightsDigestReturnType> {
  const fileSize = await resolveFileSize(source, path, parameters.fileSize);
  const format = parameters.format ?? (await detectArtifactFormat(source, path));
  let dataOffset: number;
  if (format === "safetensors") dataOffset = (await parseSafetensorsHeader(source, path, { fileSize })).dataOffset;
  else if (format === "gguf") dataOffset = Math.min(fileSize, (await scanGgufLayout(source, path, { fileSize })).tensorDataOffset);
  else throw new ArtifactParseError("Neither a safetensors nor a GGUF file.", { reason: "unknown-format", path });

  const digest = await hashRange(source, path, dataOffset, fileSize, parameters.chunkSize ?? 8 << 20, parameters.createHash);
  return { format, digest, dataOffset, dataLength: fileSize - dataOffset };
}

/** Lower-case hex sha256 of bytes [start, end) of `path`, read in chunks. */
export async function hashRange(
  source: ModelSource,
  path: string,
  start: number,
  end: number,
  chunkSize = 8 << 20,
  createHash: Sha256Factory = nobleSha256,
): Promise<string> {
  const hash = createHash();
  for (let at = start; at < end; ) {
    const stop = Math.min(end, at + chunkSize);
    const bytes = await source.readRange(path, at, stop);
    if (bytes.length === 0)
      throw new ArtifactParseError(`File ended at byte ${at} while hashing to ${end}.`, { reason: "truncated", path, offset: at });
    hash.update(bytes);
    at += bytes.length;
  }
  return toHex(hash.digest());
}

export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) out += byte.toString(16).padStart(2, "0");
  return out;
}
