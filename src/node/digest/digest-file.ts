import { type DigestFilesParameters, type FileDigest, digestFiles } from "./digest-files.js";

export type DigestFileParameters = Pick<DigestFilesParameters, "cache" | "onProgress">;
export type DigestFileReturnType = FileDigest;

/**
 * The sha256 of one file, streamed on a worker thread (or from the cache). Concurrent calls share
 * the worker pool, so `Promise.all(paths.map(p => digestFile(p)))` hashes in parallel too.
 *
 * @example
 * const { sha256, fromCache } = await digestFile("model.gguf")
 */
export async function digestFile(path: string, parameters: DigestFileParameters = {}): Promise<DigestFileReturnType> {
  const { files } = await digestFiles([path], parameters);
  return files[0]!;
}
