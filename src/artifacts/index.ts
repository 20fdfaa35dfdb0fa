export { ArtifactParseError, type ArtifactParseErrorReason, type ArtifactParseErrorParameters } from "./errors.js";
export { SAFETENSORS_DTYPE_BITS, isSafetensorsDtype, type SafetensorsDtype } from "./safetensors-dtypes.js";
export {
  parseSafetensorsHeader,
  decodeSafetensorsHeader,
  readHeaderLength as readSafetensorsHeaderLength,
  SAFETENSORS_MAX_HEADER_BYTES,
  type SafetensorsHeader,
  type SafetensorsTensor,
  type SafetensorsLicenseFields,
  type ParseSafetensorsHeaderParameters,
  type ParseSafetensorsHeaderReturnType,
  type DecodeSafetensorsHeaderParameters,
} from "./parse-safetensors-header.js";
export {
  parseSafetensorsIndex,
  SAFETENSORS_INDEX_MAX_BYTES,
  SAFETENSORS_INDEX_MAX_ENTRIES,
  type SafetensorsIndex,
  type ParseSafetensorsIndexParameters,
} from "./parse-safetensors-index.js";
export {
  OMRL_LICENSE_ID,
  OMRL_LICENSE_NAME,
  OMRL_DEFAULT_LICENSE_LINK,
  SAFETENSORS_STAMP_KEYS,
  GGUF_STAMP_KEYS,
  resolveStampValues,
  type StampValues,
} from "./omrl-keys.js";
export {
  GgufValueType,
  GGUF_LIMITS,
  GGUF_DEFAULT_ALIGNMENT,
  GGML_TYPE_BLOCK,
  ggmlTensorBytes,
} from "./gguf-constants.js";
export {
  readGgufMetadata,
  pickGgufLicenseFields,
  type GgufMetadata,
  type GgufLicenseFields,
  type GgufBaseModel,
  type ReadGgufMetadataParameters,
  type ReadGgufMetadataReturnType,
} from "./read-gguf-metadata.js";
export {
  decodeGgufHeader,
  GGUF_MAX_TENSOR_DIM,
  type GgufTensorInfo,
  type DecodeGgufHeaderParameters,
  type DecodeGgufHeaderReturnType,
} from "./decode-gguf-header.js";
export type { GgufMetadataValue, GgufMetadataBaseValue } from "./gguf-range-reader.js";
export {
  scanGgufLayout,
  type GgufLayout,
  type GgufLayoutEntry,
  type GgufLayoutTensor,
  type ScanGgufLayoutParameters,
} from "./scan-gguf-layout.js";
export { sourceRangeFetch } from "./source-range-fetch.js";
export { detectArtifactFormat, type ArtifactFormat } from "./detect-artifact-format.js";
export {
  weightsDigest,
  hashRange,
  nobleSha256,
  type Sha256Factory,
  type Sha256Hasher,
  type WeightsDigestParameters,
  type WeightsDigestReturnType,
} from "./weights-digest.js";
export {
  stampSafetensorsHeader,
  stampGgufHeader,
  type StampedHeader,
  type StampSafetensorsHeaderParameters,
  type StampGgufHeaderParameters,
} from "./stamp-header.js";
export {
  parseModelCard,
  writeCardFrontMatter,
  parseLfsPointer,
  MAX_FRONT_MATTER_CHARS,
  type ParsedModelCard,
  type CardFrontMatter,
  type CardError,
  type CardIssue,
  type CardFrontMatterUpdates,
} from "./model-card.js";
