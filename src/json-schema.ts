/**
 * A JSON Schema document as the package exports it (`termsSchema`, `appSchema`, `lockSchema`,
 * `statementSchema`, `configSchema`): plain JSON, typed by its shape rather than by its contents so
 * that the published `.d.ts` declares `const termsSchema: JsonSchemaDocument` instead of inlining
 * the whole document as initialised declarations (which `tsc` rejects in a consumer's
 * `skipLibCheck: false` build).
 *
 * @example
 * import { termsSchema } from "omrl";
 * termsSchema.$id; // "https://omrl.dev/schema/omrl-terms-1.0.schema.json"
 */
export type JsonSchemaDocument = {
  readonly $schema: string;
  readonly $id: string;
  readonly title?: string | undefined;
  readonly description?: string | undefined;
  readonly [keyword: string]: unknown;
};
