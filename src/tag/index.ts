export { TagError } from "./errors.js";
export { DEFAULT_WEIGHT_GLOBS, stampableFormat } from "./weight-files.js";
export {
  tagRelease,
  type TagProgress,
  type TaggedFile,
  type TagReleaseParameters,
  type TagReleaseReturnType,
} from "./tag-release.js";
