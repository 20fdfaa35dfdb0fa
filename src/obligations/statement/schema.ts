import statementSchema from "../../../license-templates/omrl-statement-1.0.schema.json" with { type: "json" };

/** The JSON Schema (draft 2020-12) of a revenue statement, `license-templates/omrl-statement-1.0.schema.json`. */
export { statementSchema };
