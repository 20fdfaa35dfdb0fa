import type { ModelSource } from "../sources/index.js";
import { SourceReadError } from "../sources/index.js";
import { ArtifactParseError } from "./errors.js";

/**
 * The size of `path` in `source`, from `listFiles()`. Readers take an optional `fileSize` so a
 * caller that inspects many files lists once and passes sizes in; this is the fallback.
 */
export async function resolveFileSize(source: ModelSource, path: string, fileSize?: number): Promise<number> {
  if (fileSize !== undefined) {
    if (!Number.isSafeInteger(fileSize) || fileSize < 0)
      throw new SourceReadError(`${path}: file size ${fileSize} is not a non-negative integer.`, { reason: "invalid", path });
    return fileSize;
  }
  const files = await source.listFiles();
  const file = files.find((candidate) => candidate.path === path);
  if (!file) throw new SourceReadError(`${path}: file not found in the source.`, { reason: "missing", path });
  return file.size;
}

/** Reads exactly [start, end) or throws `truncated`: `readRange` returns fewer bytes at end of file. */
export async function readExactly(source: ModelSource, path: string, start: number, end: number): Promise<Uint8Array> {
  const bytes = await source.readRange(path, start, end);
  if (bytes.length < end - start)
    throw new ArtifactParseError(`File ends at byte ${start + bytes.length}, expected ${end - start} bytes here.`, {
      reason: "truncated",
      path,
      offset: start + bytes.length,
    });
  return bytes.length === end - start ? bytes : bytes.subarray(0, end - start);
}
