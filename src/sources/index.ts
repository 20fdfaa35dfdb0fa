export type { ModelSource, SourceFile } from "./types.js";
export { SourceReadError } from "./errors.js";
export { memoizeSource, type MemoizedSource } from "./memoize-source.js";
