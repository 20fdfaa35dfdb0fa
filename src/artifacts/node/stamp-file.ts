import { randomBytes } from "node:crypto";
import { open, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { detectArtifactFormat, type ArtifactFormat } from "../detect-artifact-format.js";
import { ArtifactParseError } from "../errors.js";
import type { StampValues } from "../omrl-keys.js";
import { GGUF_STAMP_KEYS, SAFETENSORS_STAMP_KEYS, resolveStampValues } from "../omrl-keys.js";
import { parseSafetensorsHeader } from "../parse-safetensors-header.js";
import { readGgufMetadata } from "../read-gguf-metadata.js";
import { scanGgufLayout } from "../scan-gguf-layout.js";
import { stampGgufHeader, stampSafetensorsHeader, type StampedHeader } from "../stamp-header.js";
import { toHex, weightsDigest } from "../weights-digest.js";
import { nodeSha256 } from "./node-sha256.js";
import { createSingleFileSource, type SingleFileSource } from "../../sources/node.js";
import { readAt } from "./read-at.js";

export type StampArtifactFileParameters = StampValues & {
  /** Force the format instead of detecting it from the name / magic. */
  format?: ArtifactFormat | undefined;
  /** Bytes per read/write while copying tensor data (default 8 MiB). */
  chunkSize?: number | undefined;
  /** Called as tensor data is copied into the temporary file: bytes copied / bytes to copy. */
  onProgress?: ((bytesDone: number, bytesTotal: number) => void) | undefined;
};

export type StampArtifactFileReturnType = {
  path: string;
  format: ArtifactFormat;
  /** False when the file already carried these values and was left untouched. */
  changed: boolean;
  /** The weights digest (lower-case hex), the same before and after. */
  weightsDigest: string;
  sizeBefore: number;
  sizeAfter: number;
};

/**
 * Stamps a safetensors or GGUF file in place with the OMRL licence and the terms core hash
 * (`omrl tag --stamp`). Writes `<dir>/.<name>.<random>.tmp`: the new header, then the tensor
 * data copied in chunks (never the whole file in memory), hashing the original data on the way;
 * fsyncs; re-reads the new file with the core readers (for GGUF, every key/value decoded),
 * checks the stamp is there and the weights digest equals the original's; only then renames it
 * over the original. On any failure the temporary file is removed and the original is untouched.
 *
 * @example
 * await stampArtifactFile("release/model.safetensors", { termsCoreHash: hashTermsCore(terms) });
 */
export async function stampArtifactFile(
  filePath: string,
  parameters: StampArtifactFileParameters,
): Promise<StampArtifactFileReturnType> {
  const values = resolveStampValues(parameters);
  const source = createSingleFileSource(filePath, { cache: false });
  const name = source.name;
  const fileSize = (await stat(filePath)).size;
  const format = parameters.format ?? (await detectArtifactFormat(source, name));
  if (!format) throw new ArtifactParseError("Neither a safetensors nor a GGUF file.", { reason: "unknown-format", path: filePath });

  let stamped: StampedHeader;
  if (format === "safetensors") {
    const header = await parseSafetensorsHeader(source, name, { fileSize });
    const headerBytes = await source.readRange(name, 8, header.dataOffset);
    stamped = stampSafetensorsHeader({ headerBytes, fileSize, values, path: filePath });
  } else {
    const layout = await scanGgufLayout(source, name, { fileSize });
    const headerBytes = await source.readRange(name, 0, layout.tensorInfoEnd);
    stamped = stampGgufHeader({ layout, headerBytes, values, path: filePath });
  }
  const oldDataOffset = Math.min(stamped.oldDataOffset, fileSize);

  if (!stamped.changed) {
    const { digest } = await weightsDigest(source, name, { fileSize, format, createHash: nodeSha256 });
    return { path: filePath, format, changed: false, weightsDigest: digest, sizeBefore: fileSize, sizeAfter: fileSize };
  }

  const chunkSize = parameters.chunkSize ?? 8 << 20;
  const tmp = join(dirname(filePath), `.${basename(filePath)}.${randomBytes(6).toString("hex")}.tmp`);
  const mode = (await stat(filePath)).mode & 0o777;
  const original = await open(filePath, "r");
  let originalDigest: string;
  try {
    const output = await open(tmp, "wx", mode);
    try {
      await writeAll(output, stamped.bytes);
      const hash = nodeSha256();
      for (let at = oldDataOffset; at < fileSize; ) {
        const chunk = await readAt(original, at, Math.min(fileSize, at + chunkSize));
        if (chunk.length === 0)
          throw new ArtifactParseError(`File shrank while stamping (ended at byte ${at}).`, { reason: "truncated", path: filePath, offset: at });
        hash.update(chunk);
        await writeAll(output, chunk);
        at += chunk.length;
        parameters.onProgress?.(at - oldDataOffset, fileSize - oldDataOffset);
      }
      originalDigest = toHex(hash.digest());
      await output.sync();
    } finally {
      await output.close();
    }
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  } finally {
    await original.close();
  }

  try {
    const sizeAfter = (await stat(tmp)).size;
    const check = createSingleFileSource(tmp, { cache: false });
    const after = await weightsDigest(check, check.name, { fileSize: sizeAfter, format, chunkSize, createHash: nodeSha256 });
    if (after.digest !== originalDigest)
      throw new ArtifactParseError("Tensor data changed while stamping; the original was left untouched.", {
        reason: "digest-mismatch",
        path: filePath,
        details: `before ${originalDigest}, after ${after.digest}`,
      });
    await verifyStamp(check, format, values.termsCoreHash, sizeAfter, filePath);
    await rename(tmp, filePath);
    return { path: filePath, format, changed: true, weightsDigest: originalDigest, sizeBefore: fileSize, sizeAfter };
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

async function verifyStamp(
  source: SingleFileSource,
  format: ArtifactFormat,
  termsCoreHash: string,
  fileSize: number,
  path: string,
): Promise<void> {
  let found: string | undefined;
  if (format === "safetensors") {
    const header = await parseSafetensorsHeader(source, source.name, { fileSize });
    found = header.metadata[SAFETENSORS_STAMP_KEYS.termsCoreSha256];
  } else {
    // The library's own reader must accept the result too: that is what downstream tools use.
    const meta = await readGgufMetadata(source, source.name, { fileSize });
    const value = meta.kv[GGUF_STAMP_KEYS.termsCoreSha256];
    found = typeof value === "string" ? value : undefined;
  }
  if (found !== termsCoreHash)
    throw new ArtifactParseError("The stamped file does not read back with the stamp.", { reason: "digest-mismatch", path });
}

async function writeAll(handle: Awaited<ReturnType<typeof open>>, bytes: Uint8Array): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done);
    done += bytesWritten;
  }
}
