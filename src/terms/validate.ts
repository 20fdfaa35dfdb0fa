import { checkTermsSchema } from "./schema.js";
import { checkTermsSemantics } from "./semantics.js";
import type { OmrlTerms, TermsIssue } from "./types.js";

export type ValidateTermsReturnType =
  | { valid: true; terms: OmrlTerms; issues: [] }
  | { valid: false; terms?: undefined; issues: TermsIssue[] };

/**
 * Validates terms against the JSON Schema and then the semantic checks (payee shares sum to exactly
 * 100%, EIP-55 addresses, CAIP ids, token on the payment chain, tier order…). Returns every problem.
 *
 * @example
 * const result = validateTerms(JSON.parse(text));
 * if (!result.valid) for (const i of result.issues) console.log(i.pointer, i.message);
 */
export function validateTerms(value: unknown): ValidateTermsReturnType {
  const schemaIssues = checkTermsSchema(value);
  if (schemaIssues.length > 0) return { valid: false, issues: schemaIssues };
  const terms = value as OmrlTerms;
  const issues = checkTermsSemantics(terms);
  return issues.length > 0 ? { valid: false, issues } : { valid: true, terms, issues: [] };
}
