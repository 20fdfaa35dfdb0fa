import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadCycloneDx, toCycloneDx, type BomSubject } from "../../src/node.js";

/*
 * The build bundles the CycloneDX library's JSON parts into dist/cyclonedx-library.cjs
 * (scripts/build-cyclonedx.mjs), which the built package loads instead of the installed package's
 * 59 files. The BOM must not change by a byte: built here from src/ (the installed package) and in
 * a child process from dist/ (the bundle), and compared.
 */

const root = fileURLToPath(new URL("../../", import.meta.url));
const bundle = `${root}dist/cyclonedx-library.cjs`;
const SHA = "0123456789abcdef0123456789abcdef01234567";
const DIGEST = "a".repeat(64);

// one of each licence kind (OMRL with its text, an SPDX id, an expression, a card's unknown licence),
// weights with and without a digest, a Hub model pinned to a commit, a lineage, an unverifiable model
const subject: BomSubject = {
  kind: "application",
  name: "Acme Chat",
  roots: ["model:acme/tiny", "model:acme/chat"],
  models: [
    {
      ref: "model:acme/tiny",
      kind: "model",
      name: "acme-tiny",
      repo: "acme/tiny",
      revision: SHA,
      version: "1.0.0",
      license: "LicenseRef-OMRL-1.0",
      licenseText: "# Open Model Revenue License 1.0\n\nThe terms.\n",
      artifacts: [{ path: "model.safetensors", size: 1024, sha256: DIGEST }],
      card: { task: "text-generation", datasets: ["acme/corpus"], languages: ["en"], libraryName: "transformers", tags: [], license: "other" },
      use: "embedded",
      bases: [{ ref: "hf:meta-llama/Llama-3.2-1B", relation: "finetune" }],
      unverifiable: [],
    },
    {
      ref: "model:acme/chat",
      kind: "model",
      name: "acme-chat",
      repo: "acme/chat",
      revision: null,
      license: null,
      licenseDeclared: "other (acme-licence)",
      artifacts: [
        { path: "a.gguf", size: 7, sha256: null },
        { path: "b.gguf", size: 9, sha256: DIGEST },
      ],
      bases: [],
      unverifiable: [{ reason: "gated", message: "needs access" }],
    },
    { ref: "hf:meta-llama/Llama-3.2-1B", kind: "ancestor", name: "Llama-3.2-1B", repo: "meta-llama/Llama-3.2-1B", revision: SHA, license: "Apache-2.0 OR MIT", artifacts: [], bases: [], unverifiable: [] },
  ],
};
const options = { toolVersion: "9.9.9", timestamp: "2026-01-31T12:00:00Z" };

describe("the CycloneDX library bundle (dist/cyclonedx-library.cjs)", () => {
  it("from src/ there is no bundle beside the loader: the installed package is used", () => {
    expect(loadCycloneDx().origin).toBe("package");
  });

  it("is the installed library's version, self-contained, and gives the same BOM bytes as the package", () => {
    expect(existsSync(bundle), "dist/cyclonedx-library.cjs (npm run build writes it)").toBe(true);
    const require = createRequire(import.meta.url);
    const installed = require("@cyclonedx/cyclonedx-library/package.json") as { version: string };
    expect(readFileSync(bundle, "utf8")).toContain(`@cyclonedx/cyclonedx-library ${installed.version} (Apache-2.0`);

    const expected = toCycloneDx(subject, options);
    const { bom, origin, packageFiles } = bomFrom(`${root}dist`);
    expect(packageFiles, "none of the installed package's files").toEqual([]);
    expect(origin).toBe("bundle");
    expect(bom).toBe(expected);
    expect(JSON.parse(bom).components.map((c: { name: string }) => c.name)).toEqual(["Llama-3.2-1B", "acme-chat", "acme-tiny"]);
  });
});

/** The BOM of `subject` from a fresh process on the built package in `dist`, and how it loaded the CycloneDX library. */
function bomFrom(dist: string): { bom: string; origin: string; packageFiles: string[] } {
  const script = `
    const { loadCycloneDx, toCycloneDx } = await import(${JSON.stringify(join(dist, "node.js"))});
    const { createRequire } = await import("node:module");
    const bom = toCycloneDx(JSON.parse(process.env.SUBJECT), JSON.parse(process.env.OPTIONS));
    const { origin } = loadCycloneDx();
    const packageFiles = Object.keys(createRequire(import.meta.url).cache).filter((f) => f.includes("node_modules/@cyclonedx"));
    process.stdout.write(JSON.stringify({ bom, origin, packageFiles }));`;
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", env: { ...process.env, SUBJECT: JSON.stringify(subject), OPTIONS: JSON.stringify(options) } });
  expect(child.stderr).toBe("");
  return JSON.parse(child.stdout) as { bom: string; origin: string; packageFiles: string[] };
}
