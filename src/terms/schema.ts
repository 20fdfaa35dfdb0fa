import type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import termsSchemaJson from "../../license-templates/omrl-terms-1.0.schema.json" with { type: "json" };
import type { JsonSchemaDocument } from "../json-schema.js";
import type { OmrlTerms, TermsIssue } from "./types.js";
import { validate as generatedValidator } from "./schema-validator.generated.js";

/** The terms JSON Schema (draft 2020-12), `license-templates/omrl-terms-1.0.schema.json`. */
export const termsSchema: JsonSchemaDocument = termsSchemaJson;

/**
 * The terms validator: Ajv standalone code compiled from the schema by `scripts/generate.mjs`
 * (allErrors, strict, verbose, ajv-formats), so validating compiles nothing and runs where code
 * generation from strings is disallowed.
 */
function validator(): ValidateFunction<OmrlTerms> {
  return generatedValidator as unknown as ValidateFunction<OmrlTerms>;
}

const DEF_HINTS: Record<string, string> = {
  money: 'a decimal string such as "1000000.00"',
  percent: 'a percentage string with at most 4 decimals, such as "5%" or "2.5%"',
  address: "a 0x-prefixed 20-byte address",
  hash: "a 0x-prefixed lower-case 32-byte hex hash",
  caip2: 'a CAIP-2 chain id such as "eip155:8453"',
  caip10: 'a CAIP-10 account such as "eip155:8453:0xAbC…"',
  caip19: 'a CAIP-19 asset id such as "eip155:8453/erc20:0xAbC…"',
};

/** A sentence a person understands for one Ajv error. */
function describe(error: ErrorObject): TermsIssue {
  const def = /#\/\$defs\/(\w+)\//.exec(error.schemaPath)?.[1];
  const hint = def ? DEF_HINTS[def] : undefined;
  const pointer = error.instancePath;
  const code = `schema/${error.keyword}`;
  switch (error.keyword) {
    case "required":
      return { pointer, code, message: `missing required field "${String(error.params.missingProperty)}"` };
    case "additionalProperties":
      return { pointer, code, message: `unknown field "${String(error.params.additionalProperty)}"` };
    case "type":
      if (hint && typeof error.data === "number")
        return { pointer, code, message: `is the JSON number ${error.data}; write ${hint} (money and rates are text)` };
      return { pointer, code, message: hint ? `must be ${hint}` : `must be of type ${String(error.params.type)}` };
    case "pattern":
      return { pointer, code, message: `${JSON.stringify(error.data)} is not ${hint ?? `in the expected form`}` };
    case "enum":
      return { pointer, code, message: `must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}` };
    case "const":
      return { pointer, code, message: `must be ${JSON.stringify(error.params.allowedValue)}` };
    case "format":
      return { pointer, code, message: `${JSON.stringify(error.data)} is not a valid ${String(error.params.format)}` };
    default:
      return { pointer, code, message: error.message ?? "is invalid" };
  }
}

/** Checks a value against the terms JSON Schema; returns every problem (not only the first). */
export function checkTermsSchema(value: unknown): TermsIssue[] {
  const validate = validator();
  if (validate(value)) return [];
  const issues = (validate.errors ?? []).map(describe);
  // Ajv reports a failed $ref type check and its pattern; keep one message per pointer+code.
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.pointer}|${i.code}|${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
