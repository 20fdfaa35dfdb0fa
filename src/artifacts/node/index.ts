export {
  stampArtifactFile,
  type StampArtifactFileParameters,
  type StampArtifactFileReturnType,
} from "./stamp-file.js";
export { singleFileSource } from "./file-source.js";
