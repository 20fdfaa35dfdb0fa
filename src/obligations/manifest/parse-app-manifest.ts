import type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import appSchemaJson from "../../../license-templates/omrl-app-1.0.schema.json" with { type: "json" };
import type { JsonSchemaDocument } from "../../json-schema.js";
import { InvalidInputError } from "../../errors.js";
import { add, compare, ONE, parseDecimal, ZERO } from "../../money/index.js";
import type { AppManifest } from "./types.js";
// Ajv standalone code (scripts/generate.mjs): no schema compiled, no code generated at run time
import { validate as appValidator } from "./app-validator.generated.js";

/** The JSON Schema of `omrl.app.json`, `license-templates/omrl-app-1.0.schema.json`. */
export const appSchema: JsonSchemaDocument = appSchemaJson;

/** Largest omrl.app.json accepted, in characters. */
export const MAX_APP_MANIFEST_LENGTH = 4 * 1024 * 1024;

export type AppManifestIssue = { pointer: string; message: string };

/** An `omrl.app.json` that does not parse or validate; `issues` lists every problem with its JSON pointer. */
export class InvalidAppManifestError extends InvalidInputError {
  override name = "InvalidAppManifestError";
  constructor(
    readonly issues: AppManifestIssue[],
    location?: string,
  ) {
    const first = issues[0];
    super(
      issues.length === 1 && first
        ? `invalid app manifest: ${first.pointer || "/"} ${first.message}`
        : `invalid app manifest: ${issues.length} problems, first ${first?.pointer || "/"} ${first?.message}`,
      {
        location,
        details: issues.map((i) => `${i.pointer || "/"}: ${i.message}`).join("\n"),
        docsPath: "/docs/obligations.md#app-manifest",
      },
    );
  }
}

function validator(): ValidateFunction<AppManifest> {
  return appValidator as unknown as ValidateFunction<AppManifest>;
}

function describe(error: ErrorObject): AppManifestIssue {
  const pointer = error.instancePath;
  switch (error.keyword) {
    case "required":
      return { pointer, message: `missing required field "${String(error.params.missingProperty)}"` };
    case "additionalProperties":
      return { pointer, message: `unknown field "${String(error.params.additionalProperty)}"` };
    case "type":
      return { pointer, message: `must be ${String(error.params.type)}${error.params.type === "string" ? " (write numbers that are money, weights or rates as strings)" : ""}` };
    case "enum":
      return { pointer, message: `must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}` };
    default:
      return { pointer, message: error.message ?? error.keyword };
  }
}

/** The default short id of a model: `org/name` of `hf:org/name@rev`, else the source as written. */
export function defaultModelId(source: string): string {
  const hub = /^hf:([^@\s]+)(?:@.*)?$/.exec(source);
  return hub ? hub[1]! : source;
}

/**
 * Parses and validates an `omrl.app.json` (text or an already-parsed value) against
 * `license-templates/omrl-app-1.0.schema.json`, then checks what a schema cannot: model ids
 * unique (ids default to `org/name` of a `hf:` source), `hf:` sources well-formed, fixed
 * attribution weights summing to at most 1. Throws `InvalidAppManifestError` listing every problem.
 *
 * @example
 * const manifest = parseAppManifest(await readFile("omrl.app.json", "utf8"), { location: "omrl.app.json" });
 */
export function parseAppManifest(json: string | unknown, options: { location?: string } = {}): AppManifest {
  let value: unknown = json;
  if (typeof json === "string") {
    if (json.length > MAX_APP_MANIFEST_LENGTH)
      throw new InvalidAppManifestError([{ pointer: "", message: `is larger than ${MAX_APP_MANIFEST_LENGTH} characters` }], options.location);
    try {
      value = JSON.parse(json);
    } catch (error) {
      throw new InvalidAppManifestError([{ pointer: "", message: `is not valid JSON: ${error instanceof Error ? error.message : String(error)}` }], options.location);
    }
  }
  const validate = validator();
  if (!validate(value)) throw new InvalidAppManifestError((validate.errors ?? []).map(describe), options.location);
  const manifest: AppManifest = { ...value, models: value.models.map((m) => ({ ...m, id: m.id ?? defaultModelId(m.source) })) };
  const issues: AppManifestIssue[] = [];
  const seen = new Map<string, number>();
  let weights = ZERO;
  manifest.models.forEach((model, index) => {
    const other = seen.get(model.id);
    if (other !== undefined) issues.push({ pointer: `/models/${index}/id`, message: `model id "${model.id}" is also used by /models/${other}; give each model a distinct "id"` });
    seen.set(model.id, index);
    if (model.source.startsWith("hf:") && !/^hf:[A-Za-z0-9][A-Za-z0-9._-]{0,95}\/[A-Za-z0-9][A-Za-z0-9._-]{0,95}(@[A-Za-z0-9._/-]{1,200})?$/.test(model.source))
      issues.push({ pointer: `/models/${index}/source`, message: `"${model.source}" is not hf:org/name@revision` });
    if (model.attribution && "weight" in model.attribution) weights = add(weights, parseDecimal(model.attribution.weight));
  });
  if (compare(weights, ONE) > 0) issues.push({ pointer: "/models", message: "fixed attribution weights sum to more than 1" });
  if (issues.length > 0) throw new InvalidAppManifestError(issues, options.location);
  return manifest;
}
