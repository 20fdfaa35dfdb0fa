// The Node-only plumbing other modules share: atomic writes, the digest engine, the progress bar.
export { writeFileAtomic } from "./write-file-atomic.js";
export * from "./digest/index.js";
export * from "./progress.js";
export * from "./result-cache/index.js";
