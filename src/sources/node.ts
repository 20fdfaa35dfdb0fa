// The Node-only local sources, the digest engine and the progress bar (exported from `omrl/node`).
export {
  LocalFolderSource,
  createLocalFolderSource,
  defaultIgnoreDirectory,
  SymlinkEscapeError,
  DEFAULT_MAX_FILES,
  type LocalFolderSourceOptions,
} from "./local-folder.js";
export { SingleFileSource, createSingleFileSource, type SingleFileSourceOptions } from "./single-file.js";
export { openLocalSource, type OpenLocalSourceOptions, type OpenLocalSourceReturnType } from "./open-source.js";
export { DEFAULT_MAX_TEXT_BYTES, MAX_RANGE_BYTES } from "./local-io.js";
export * from "../node/digest/index.js";
export * from "../node/index.js";
