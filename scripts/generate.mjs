// Generates src/terms/types.generated.ts from the terms JSON Schema, so the TypeScript types
// cannot drift from the schema. A test regenerates and compares (test/terms/types-sync.test.ts).
import { readFile, writeFile } from "node:fs/promises";
import { compile } from "json-schema-to-typescript";

export async function generateTermsTypes() {
  const schema = JSON.parse(await readFile(new URL("../license-templates/omrl-terms-1.0.schema.json", import.meta.url), "utf8"));
  return compile(schema, "OmrlTerms", {
    bannerComment: "/* Generated from license-templates/omrl-terms-1.0.schema.json by scripts/generate-terms-types.mjs. Do not edit. */",
    additionalProperties: false,
    unreachableDefinitions: false,
    style: { singleQuote: false, printWidth: 110 },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await writeFile(new URL("../src/terms/types.generated.ts", import.meta.url), await generateTermsTypes());
  console.log("wrote src/terms/types.generated.ts");
}
