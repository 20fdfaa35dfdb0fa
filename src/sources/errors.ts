import { OmrlError, type OmrlErrorParameters } from "../errors.js";

/** A source could not read something: missing, too large, access denied, network failure. */
export class SourceReadError extends OmrlError {
  override name = "SourceReadError";
  /** `missing` | `too-large` | `gated` | `unauthorized` | `network` | `invalid` */
  readonly reason: string;
  readonly path: string | undefined;
  constructor(shortMessage: string, parameters: OmrlErrorParameters & { reason: string; path?: string }) {
    super(shortMessage, parameters);
    this.reason = parameters.reason;
    this.path = parameters.path;
  }
}
