export {
  stampArtifactFile,
  type StampArtifactFileParameters,
  type StampArtifactFileReturnType,
} from "./stamp-file.js";
export { singleFileSource } from "./file-source.js";
export { nodeSha256 } from "./node-sha256.js";
