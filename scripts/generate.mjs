// Generates the source files derived from license-templates/, so code cannot drift from them:
//   src/terms/types.generated.ts            the TypeScript types of the terms JSON Schema
//   src/terms/license-template.generated.ts the OMRL-1.0.md template as a string (core code reads no files)
// A test regenerates both and compares (test/terms/generated-sync.test.ts). Run: node scripts/generate.mjs
import { readFile, writeFile } from "node:fs/promises";
import { compile } from "json-schema-to-typescript";

const root = new URL("../", import.meta.url);

export async function generateTermsTypes() {
  const schema = JSON.parse(await readFile(new URL("license-templates/omrl-terms-1.0.schema.json", root), "utf8"));
  return compile(schema, "OmrlTerms", {
    bannerComment: "/* Generated from license-templates/omrl-terms-1.0.schema.json by scripts/generate.mjs. Do not edit. */",
    additionalProperties: false,
    unreachableDefinitions: false,
    style: { singleQuote: false, printWidth: 110 },
  });
}

export async function generateLicenseTemplate() {
  const text = await readFile(new URL("license-templates/OMRL-1.0.md", root), "utf8");
  return [
    "/* Generated from license-templates/OMRL-1.0.md by scripts/generate.mjs. Do not edit. */",
    "",
    "/** The OMRL 1.0 legal text template (Mustache). */",
    `export const OMRL_1_0_TEMPLATE = ${JSON.stringify(text)};`,
    "",
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await writeFile(new URL("src/terms/types.generated.ts", root), await generateTermsTypes());
  await writeFile(new URL("src/terms/license-template.generated.ts", root), await generateLicenseTemplate());
  console.log("wrote src/terms/types.generated.ts and src/terms/license-template.generated.ts");
}
