import type { ValidateFunction } from "ajv/dist/2020.js";
import configSchemaJson from "../../license-templates/omrl-config-1.0.schema.json" with { type: "json" };
import type { JsonSchemaDocument } from "../json-schema.js";
import { InvalidInputError } from "../errors.js";
import type { OmrlConfig } from "./types.js";
// Ajv standalone code (scripts/generate.mjs): no schema compiled, no code generated at run time
import { validate as configValidator } from "./config-validator.generated.js";

/** The JSON Schema of `omrl.config.json`, `license-templates/omrl-config-1.0.schema.json`. */
export const configSchema: JsonSchemaDocument = configSchemaJson;

/** The file name `omrl verify` looks for at the root of a release. */
export const CONFIG_FILE_NAME = "omrl.config.json";

/** A config file that does not parse or does not match its schema. */
export class InvalidConfigError extends InvalidInputError {
  override name = "InvalidConfigError";
  constructor(message: string, location?: string, details?: string) {
    super(message, { location, details, docsPath: "/docs/rules.md#configuration" });
  }
}

const compiled = configValidator as unknown as ValidateFunction<OmrlConfig>;

/**
 * Parses and validates an `omrl.config.json` text against `license-templates/omrl-config-1.0.schema.json`.
 * Throws `InvalidConfigError` saying what and where. Rule ids are checked against the rules when
 * the config is applied (`verifyRelease`).
 *
 * @example
 * const config = parseConfig('{"extends":"hub","rules":{"card/missing":"off"}}');
 */
export function parseConfig(text: string, options: { location?: string } = {}): OmrlConfig {
  if (text.length > 1024 * 1024) throw new InvalidConfigError("config file is larger than 1 MiB", options.location);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InvalidConfigError(`config is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, options.location);
  }
  return validateConfig(value, options);
}

/** Validates a config object (already parsed). */
export function validateConfig(value: unknown, options: { location?: string } = {}): OmrlConfig {
  if (!compiled(value)) {
    const errors = compiled.errors ?? [];
    const describe = (e: (typeof errors)[number]) =>
      `${e.instancePath || "/"} ${e.message ?? "is invalid"}${e.params && "allowedValues" in e.params ? ` (${(e.params.allowedValues as unknown[]).join(", ")})` : ""}${e.params && "additionalProperty" in e.params ? ` (${String(e.params.additionalProperty)})` : ""}`;
    throw new InvalidConfigError(`invalid config: ${describe(errors[0]!)}`, options.location, errors.map(describe).join("\n"));
  }
  for (const [i, r] of (value.resolutions ?? []).entries()) {
    if (r.message === undefined) continue;
    try {
      new RegExp(r.message);
    } catch {
      throw new InvalidConfigError(`invalid config: /resolutions/${i}/message is not a valid regular expression`, options.location);
    }
  }
  return value;
}
