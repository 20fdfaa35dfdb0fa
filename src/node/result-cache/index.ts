export {
  FileResultCache,
  openFileResultCache,
  DEFAULT_RESULT_CACHE_ENTRIES,
  MAX_RESULT_VALUE_CHARS,
  type FileResultCacheOptions,
} from "./file-result-cache.js";
