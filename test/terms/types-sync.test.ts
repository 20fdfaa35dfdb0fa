import { readFile } from "node:fs/promises";
import { expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script without type declarations
import { generateTermsTypes } from "../../scripts/generate-terms-types.mjs";

it("src/terms/types.generated.ts is generated from the current terms schema", async () => {
  const committed = await readFile(new URL("../../src/terms/types.generated.ts", import.meta.url), "utf8");
  // If this fails, run: node scripts/generate-terms-types.mjs
  expect(committed).toBe(await generateTermsTypes());
});
