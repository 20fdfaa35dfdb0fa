import { InvalidInputError, type OmrlErrorParameters } from "../errors.js";

/**
 * `omrl tag` could not tag a release: no `omrl.json`, no weight files, or a weight file that does
 * not parse (named in `path`). Nothing was written when this is thrown before stamping started.
 */
export class TagError extends InvalidInputError {
  override name = "TagError";
  /** The release file at fault (a `/` path inside the release), when there is one. */
  readonly path: string | undefined;
  constructor(shortMessage: string, parameters: OmrlErrorParameters & { path?: string | undefined } = {}) {
    super(shortMessage, { ...parameters, docsPath: parameters.docsPath ?? "/docs/tagging.md" });
    this.path = parameters.path;
  }
}
