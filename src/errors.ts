/**
 * Base class of every error the SDK throws on purpose, in the manner of viem's `BaseError`:
 * a short message a person can act on, optional details (what and where), and a docs path.
 *
 * The CLI maps an `OmrlError` to exit code 2 (usage or input error) and prints `shortMessage`.
 */
export type OmrlErrorParameters = {
  /** Extra lines: what was found and where (file, line, JSON pointer, byte offset…). */
  details?: string | undefined;
  /** Anchor in docs/, e.g. `/docs/errors.md#invalid-decimal`. */
  docsPath?: string | undefined;
  cause?: unknown;
};

export class OmrlError extends Error {
  override name = "OmrlError";
  readonly shortMessage: string;
  readonly details: string | undefined;
  readonly docsPath: string | undefined;

  constructor(shortMessage: string, parameters: OmrlErrorParameters = {}) {
    const lines = [shortMessage];
    if (parameters.details) lines.push("", `Details: ${parameters.details}`);
    if (parameters.docsPath) lines.push(`Docs: ${parameters.docsPath}`);
    super(lines.join("\n"), parameters.cause === undefined ? undefined : { cause: parameters.cause });
    this.shortMessage = shortMessage;
    this.details = parameters.details;
    this.docsPath = parameters.docsPath;
  }
}

/** Input that does not parse or does not make sense (a file, a flag, a JSON field). */
export class InvalidInputError extends OmrlError {
  override name = "InvalidInputError";
  /** Where: a file path, `file:line:column`, a JSON pointer or a byte offset. */
  readonly location: string | undefined;
  constructor(shortMessage: string, parameters: OmrlErrorParameters & { location?: string } = {}) {
    super(parameters.location ? `${parameters.location}: ${shortMessage}` : shortMessage, parameters);
    this.location = parameters.location;
  }
}
