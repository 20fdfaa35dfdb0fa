export {
  digestFiles,
  type DigestFilesParameters,
  type DigestFilesReturnType,
  type DigestProgress,
  type DigestStats,
  type FileDigest,
} from "./digest-files.js";
export { digestFile, type DigestFileParameters, type DigestFileReturnType } from "./digest-file.js";
export {
  DigestCache,
  createDigestCache,
  getDefaultDigestCache,
  resolveDigestCacheDir,
  DEFAULT_DIGEST_CACHE_ENTRIES,
  RACY_WINDOW_MS,
  type DigestCacheEntry,
  type DigestCacheOptions,
} from "./cache.js";
export { FileChangedError, fsErrorToSourceReadError } from "./errors.js";
export { statRegularFile } from "./digest-files.js";
export { closeDigestWorkers, DIGEST_CHUNK_SIZE } from "./pool.js";
