import statementSchemaJson from "../../../license-templates/omrl-statement-1.0.schema.json" with { type: "json" };
import type { JsonSchemaDocument } from "../../json-schema.js";

/** The JSON Schema (draft 2020-12) of a revenue statement, `license-templates/omrl-statement-1.0.schema.json`. */
export const statementSchema: JsonSchemaDocument = statementSchemaJson;
