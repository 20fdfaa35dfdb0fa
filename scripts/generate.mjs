// Generates the source files derived from license-templates/, so code cannot drift from them:
//   src/terms/types.generated.ts            the TypeScript types of the terms JSON Schema
//   src/terms/license-template.generated.ts the OMRL-1.0.md template as a string (core code reads no files)
//   src/**/*-validator.generated.ts          Ajv standalone validators of the JSON Schemas checked at run
//                                           time: compiled here, so nothing compiles a schema (or calls
//                                           new Function) at run time and Ajv itself is not loaded
// A test regenerates them and compares (test/terms/generated-sync.test.ts). Run: node scripts/generate.mjs
import { readFile, writeFile } from "node:fs/promises";
import { compile } from "json-schema-to-typescript";
import Ajv2020 from "ajv/dist/2020.js";
import standaloneCode from "ajv/dist/standalone/index.js";
import addFormats from "ajv-formats";
import { createRequire } from "node:module";

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

const requireFromRoot = createRequire(new URL("package.json", root));
/** Ajv runtime helpers that are self-contained functions (no closure), safe to inline by source. */
const INLINABLE = new Set(["ajv/dist/runtime/ucs2length.js"]);

/**
 * The schemas validated at run time, each with the Ajv options its module used to compile it with.
 * Keys are the generated files.
 */
export const VALIDATORS = {
  "src/terms/schema-validator.generated.ts": {
    schema: "license-templates/omrl-terms-1.0.schema.json",
    options: { allErrors: true, strict: true, verbose: true },
    formats: true,
  },
  "src/obligations/manifest/app-validator.generated.ts": {
    schema: "license-templates/omrl-app-1.0.schema.json",
    options: { allErrors: true, strict: true },
  },
  "src/app/lockfile-validator.generated.ts": {
    schema: "license-templates/omrl-lock-1.0.schema.json",
    options: { allErrors: true, strict: true },
  },
  "src/config/config-validator.generated.ts": {
    schema: "license-templates/omrl-config-1.0.schema.json",
    options: { allErrors: true, strict: false },
  },
};

/**
 * Ajv's standalone code for one schema as an ES module: `validate(value)` with `validate.errors`,
 * the same function `ajv.compile` returns. The few runtime helpers it needs (string length, the
 * ajv-formats checks) become imports of those files instead of `require` calls.
 */
export async function generateValidator(file) {
  const { schema: schemaFile, options, formats } = VALIDATORS[file];
  const schema = JSON.parse(await readFile(new URL(schemaFile, root), "utf8"));
  const ajv = new Ajv2020.default({ ...options, code: { source: true, esm: true, lines: false } });
  if (formats) addFormats.default(ajv);
  let code = standaloneCode.default(ajv, ajv.compile(schema));
  // `require("m").default` (Ajv's own self-contained helpers, e.g. ucs2length) is inlined;
  // `require("m").name` becomes `import { name } from "m"`, which Node and bundlers read alike.
  const imports = [];
  const inlined = [];
  code = code.replace(/require\("([^"]+)"\)\.(\w+)/g, (_, specifier, name) => {
    const path = specifier.endsWith(".js") ? specifier : `${specifier}.js`;
    if (name === "default") {
      const helper = requireFromRoot(path).default;
      if (typeof helper !== "function" || !INLINABLE.has(path)) throw new Error(`cannot inline ${path}`);
      const local = `inlined${inlined.length}`;
      if (!inlined.some((line) => line.includes(`/* ${path} */`))) inlined.push(`/* ${path} */ const ${local} = ${helper.toString()};`);
      return inlined.find((line) => line.includes(`/* ${path} */`)).split(" ")[4];
    }
    const line = `import { ${name} as runtime${imports.length} } from "${path}";`;
    const known = imports.find((entry) => entry.startsWith(`import { ${name} as `) && entry.endsWith(`"${path}";`));
    if (known) return known.split(" ")[4];
    imports.push(line);
    return `runtime${imports.length - 1}`;
  });
  if (/require\(/.test(code)) throw new Error(`${file}: a require() is left in the standalone code`);
  code = code.replace(/^"use strict";/, "").replace(/export default validate\d+;/, "");
  return [
    `/* Generated from ${schemaFile} by scripts/generate.mjs (Ajv standalone code). Do not edit. */`,
    "// @ts-nocheck",
    "/* eslint-disable */",
    ...imports,
    ...inlined,
    code,
    "",
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await writeFile(new URL("src/terms/types.generated.ts", root), await generateTermsTypes());
  await writeFile(new URL("src/terms/license-template.generated.ts", root), await generateLicenseTemplate());
  for (const file of Object.keys(VALIDATORS)) await writeFile(new URL(file, root), await generateValidator(file));
  console.log(`wrote src/terms/types.generated.ts, src/terms/license-template.generated.ts, ${Object.keys(VALIDATORS).join(", ")}`);
}
