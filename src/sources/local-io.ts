// Node-only file reading shared by the local folder and single-file sources.
import { open } from "node:fs/promises";
import { digestFiles, fsErrorToSourceReadError, type DigestCache, type DigestStats } from "../node/index.js";
import { SourceReadError } from "./errors.js";

/** `readText`'s default cap. */
export const DEFAULT_MAX_TEXT_BYTES = 5 * 1024 * 1024;
/** `readRange` refuses to allocate more than this in one call; stream larger spans with `sha256`. */
export const MAX_RANGE_BYTES = 1024 * 1024 * 1024;

/**
 * A UTF-8 text file, or undefined when it does not exist. Reads at most `maxBytes + 1` bytes, so a
 * file that grows after its size was checked still cannot make it allocate more.
 */
export async function readLocalText(absolutePath: string, path: string, maxBytes: number = DEFAULT_MAX_TEXT_BYTES): Promise<string | undefined> {
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 0)
    throw new SourceReadError(`maxBytes must be a non-negative integer, got ${maxBytes}`, { reason: "invalid", path });
  let handle;
  try {
    handle = await open(absolutePath, "r");
  } catch (error) {
    const mapped = fsErrorToSourceReadError(error, path);
    if (mapped.reason === "missing") return undefined;
    throw mapped;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new SourceReadError(`not a regular file: ${path}`, { reason: "invalid", path });
    if (info.size > maxBytes) throw tooLarge(path, info.size, maxBytes);
    const buffer = Buffer.allocUnsafe(Math.min(info.size, maxBytes) + 1);
    const length = await readFully(handle, buffer, 0);
    if (length > maxBytes) throw tooLarge(path, length, maxBytes);
    return new TextDecoder("utf-8").decode(buffer.subarray(0, length));
  } catch (error) {
    throw fsErrorToSourceReadError(error, path);
  } finally {
    await handle.close();
  }
}

/** Bytes [start, end) of a file by positional reads; fewer when the file is shorter. */
export async function readLocalRange(absolutePath: string, path: string, start: number, end: number): Promise<Uint8Array> {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start)
    throw new SourceReadError(`invalid byte range [${start}, ${end}) of ${path}`, { reason: "invalid", path });
  let handle;
  try {
    handle = await open(absolutePath, "r");
  } catch (error) {
    throw fsErrorToSourceReadError(error, path);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new SourceReadError(`not a regular file: ${path}`, { reason: "invalid", path });
    const length = Math.max(0, Math.min(end, info.size) - start);
    if (length > MAX_RANGE_BYTES)
      throw new SourceReadError(`byte range of ${length} bytes is too large to read at once: ${path}`, {
        reason: "too-large",
        path,
        details: `at most ${MAX_RANGE_BYTES} bytes per readRange call`,
      });
    const buffer = new Uint8Array(length);
    const read = await readFully(handle, buffer, start);
    return read === length ? buffer : buffer.subarray(0, read);
  } catch (error) {
    throw fsErrorToSourceReadError(error, path);
  } finally {
    await handle.close();
  }
}

async function readFully(handle: import("node:fs/promises").FileHandle, buffer: Uint8Array, position: number): Promise<number> {
  let done = 0;
  while (done < buffer.length) {
    const { bytesRead } = await handle.read(buffer, done, buffer.length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done;
}

function tooLarge(path: string, size: number, maxBytes: number): SourceReadError {
  return new SourceReadError(`file is larger than ${maxBytes} bytes: ${path}`, {
    reason: "too-large",
    path,
    details: `${size} bytes; raise maxBytes to read it`,
  });
}

/**
 * The whole-file sha256 of one local file through the digest cache (none: `undefined`), adding what
 * was hashed to `stats`; `onProgress` as `ModelSource.sha256` reports it.
 */
export async function digestLocalFile(
  absolutePath: string,
  cache: DigestCache | undefined,
  stats: DigestStats,
  onProgress: ((bytesDone: number, bytesTotal: number) => void) | undefined,
): Promise<string> {
  const { files, stats: run } = await digestFiles([absolutePath], { cache: cache ?? false, ...(onProgress ? { onProgress: (p) => onProgress(p.bytesDone, p.bytesTotal) } : {}) });
  stats.filesHashed += run.filesHashed;
  stats.bytesHashed += run.bytesHashed;
  stats.cacheHits += run.cacheHits;
  return files[0]!.sha256;
}
