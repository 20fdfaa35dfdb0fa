export type { ModelSource, SourceFile } from "./types.js";
export { SourceReadError } from "./errors.js";
