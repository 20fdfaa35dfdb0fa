export {
  stampArtifactFile,
  type StampArtifactFileParameters,
  type StampArtifactFileReturnType,
} from "./stamp-file.js";
export { nodeSha256 } from "./node-sha256.js";
