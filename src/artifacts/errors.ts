import { OmrlError, type OmrlErrorParameters } from "../errors.js";

/**
 * Why an artifact could not be read. Stable codes: rules and reports key on them.
 *
 * - `truncated` — the file ends before a structure it declares (header, key/value, tensor info).
 * - `header-too-large` — a safetensors header over 100 MB, or a GGUF header over the reader's cap.
 * - `header-length-exceeds-file` — the safetensors length prefix points past the end of the file.
 * - `invalid-utf8`, `invalid-json`, `invalid-header` — the header bytes do not decode to the expected shape.
 * - `invalid-metadata` — `__metadata__` is not an object of strings.
 * - `unknown-dtype` — a safetensors dtype outside the known set.
 * - `invalid-offsets` — data offsets not integers, not contiguous, overlapping, or outside the data section.
 * - `size-mismatch` — shape × dtype size differs from the tensor's byte length.
 * - `incomplete-data` — the tensors do not cover the data section exactly.
 * - `bad-magic`, `unsupported-version` — not a GGUF file, or a GGUF version this reader does not handle.
 * - `count-too-large` — a GGUF count (key/values, tensors, array length, string length, dims) that
 *   cannot fit in the file or exceeds a fixed bound.
 * - `invalid-gguf` — any other structural GGUF problem (bad value type, bad alignment, tensor
 *   outside the data section); `details` says which.
 * - `invalid-index` — a `*.safetensors.index.json` that is not the expected shape.
 * - `unknown-format` — neither safetensors nor GGUF.
 * - `yaml-invalid`, `lfs-pointer` — model card front matter that cannot be edited.
 * - `digest-mismatch` — a stamped file's tensor data differs from the original (never renamed in).
 */
export type ArtifactParseErrorReason =
  | "truncated"
  | "header-too-large"
  | "header-length-exceeds-file"
  | "invalid-utf8"
  | "invalid-json"
  | "invalid-header"
  | "invalid-metadata"
  | "unknown-dtype"
  | "invalid-offsets"
  | "size-mismatch"
  | "incomplete-data"
  | "bad-magic"
  | "unsupported-version"
  | "count-too-large"
  | "invalid-gguf"
  | "invalid-index"
  | "unknown-format"
  | "yaml-invalid"
  | "lfs-pointer"
  | "digest-mismatch";

export type ArtifactParseErrorParameters = OmrlErrorParameters & {
  reason: ArtifactParseErrorReason;
  /** The artifact's path inside its source (or on disk). */
  path?: string | undefined;
  /** Byte offset in the file where the problem was found, where one applies. */
  offset?: number | bigint | undefined;
};

/**
 * One unreadable or hostile artifact (safetensors, GGUF, index, card). The rules layer turns it
 * into one diagnostic for that file and carries on with the others.
 */
export class ArtifactParseError extends OmrlError {
  override name = "ArtifactParseError";
  readonly reason: ArtifactParseErrorReason;
  readonly path: string | undefined;
  readonly offset: number | bigint | undefined;

  constructor(shortMessage: string, parameters: ArtifactParseErrorParameters) {
    const where = [parameters.path, parameters.offset === undefined ? undefined : `byte ${parameters.offset}`]
      .filter((part) => part !== undefined)
      .join(" @ ");
    super(where ? `${where}: ${shortMessage}` : shortMessage, {
      docsPath: "/docs/artifacts.md#errors",
      ...parameters,
    });
    this.reason = parameters.reason;
    this.path = parameters.path;
    this.offset = parameters.offset;
  }
}
