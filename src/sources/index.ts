export type { ModelSource, SourceFile } from "./types.js";
export { SourceReadError } from "./errors.js";
export { memoizeSource, MEMOIZED_PREFIX_BYTES, type MemoizedSource } from "./memoize-source.js";
