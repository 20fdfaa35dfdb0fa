import { readFile } from "node:fs/promises";
import { expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script without type declarations
import { generateLicenseTemplate, generateTermsTypes, generateValidator, VALIDATORS } from "../../scripts/generate.mjs";

// If one of these fails, run: node scripts/generate.mjs
it("src/terms/types.generated.ts is generated from the current terms schema", async () => {
  const committed = await readFile(new URL("../../src/terms/types.generated.ts", import.meta.url), "utf8");
  expect(committed).toBe(await generateTermsTypes());
});

it("src/terms/license-template.generated.ts holds the current OMRL-1.0.md", async () => {
  const committed = await readFile(new URL("../../src/terms/license-template.generated.ts", import.meta.url), "utf8");
  expect(committed).toBe(await generateLicenseTemplate());
});

it("the standalone schema validators are generated from the current schemas (no require, no eval)", async () => {
  for (const file of Object.keys(VALIDATORS)) {
    const committed = await readFile(new URL(`../../${file}`, import.meta.url), "utf8");
    expect(committed, file).toBe(await generateValidator(file));
    expect(committed, file).not.toMatch(/\brequire\(|new Function|\beval\(/);
  }
});
