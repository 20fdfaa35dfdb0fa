import { InvalidInputError } from "../errors.js";

/** An SPDX licence expression that does not parse; `position` is the 0-based offset of the problem. */
export class InvalidLicenseExpressionError extends InvalidInputError {
  override name = "InvalidLicenseExpressionError";
  readonly expression: string;
  readonly position: number;
  constructor(reason: string, parameters: { expression: string; position: number; cause?: unknown }) {
    const { expression, position } = parameters;
    // The caret line shows where; clipped so a huge expression cannot make a huge message.
    const start = Math.max(0, position - 40);
    const excerpt = expression.slice(start, position + 40);
    super(`invalid licence expression: ${reason}`, {
      location: `offset ${position}`,
      details: `${excerpt}\n${" ".repeat(position - start)}^`,
      docsPath: "/docs/licenses.md#spdx-expressions",
      cause: parameters.cause,
    });
    this.expression = expression;
    this.position = position;
  }
}

/** A licence id that is neither a Hub licence id, nor in the knowledge base, nor an SPDX id. */
export class UnknownLicenseError extends InvalidInputError {
  override name = "UnknownLicenseError";
  readonly license: string;
  constructor(license: string, parameters: { hint?: string } = {}) {
    super(`unknown licence id "${license.length > 80 ? `${license.slice(0, 80)}…` : license}"`, {
      details: parameters.hint ?? "Run `omrl licenses` for the known ids; any SPDX id or LicenseRef-… is accepted too.",
      docsPath: "/docs/licenses.md#knowledge-base",
    });
    this.license = license;
  }
}
