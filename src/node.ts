/**
 * `omrl/node` — the Node-only parts: local sources, digests, the digest cache, atomic writes.
 * Everything in `omrl` is re-exported here too, so a Node program needs one import.
 */
export * from "./index.js";
export { writeFileAtomic, FileResultCache, openFileResultCache, DEFAULT_RESULT_CACHE_ENTRIES, MAX_RESULT_VALUE_CHARS, type FileResultCacheOptions } from "./node/index.js";
export * from "./sources/node.js";
export * from "./sources/hub/node/index.js";
export * from "./obligations/node/index.js";
export * from "./artifacts/node/index.js";
export * from "./payments/node/index.js";
export * from "./tag/index.js";
export * from "./app/node/index.js";
export { readConfigFile } from "./config/node.js";
export * from "./bom/index.js";
export * from "./service/index.js";
