import { InvalidTermsError } from "./errors.js";
import type { OmrlTerms } from "./types.js";
import { validateTerms } from "./validate.js";

/** Most bytes of an omrl.json accepted (terms with 10,000 artifacts fit comfortably). */
export const MAX_TERMS_BYTES = 4 * 1024 * 1024;

/**
 * Parses and validates the text of an `omrl.json`. Throws `InvalidTermsError` listing every
 * problem (JSON syntax with line and column, schema and semantics with JSON pointers).
 *
 * @example
 * const terms = parseTerms(await readFile("omrl.json", "utf8"), { location: "omrl.json" });
 */
export function parseTerms(text: string, options: { location?: string } = {}): OmrlTerms {
  if (text.length > MAX_TERMS_BYTES)
    throw new InvalidTermsError([{ pointer: "", code: "syntax/too-large", message: `is larger than ${MAX_TERMS_BYTES} bytes` }], options.location);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InvalidTermsError([{ pointer: "", code: "syntax/json", message: `is not valid JSON: ${jsonErrorWhere(text, error)}` }], options.location);
  }
  const result = validateTerms(value);
  if (!result.valid) throw new InvalidTermsError(result.issues, options.location);
  return result.terms;
}

/** "Unexpected token } at line 3, column 5" from a JSON.parse error. */
function jsonErrorWhere(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  if (!position) return message;
  const offset = Number(position[1]);
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `${message.replace(/ in JSON at position \d+.*$/, "")} at line ${line}, column ${column}`;
}
