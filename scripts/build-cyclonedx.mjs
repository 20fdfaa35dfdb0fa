#!/usr/bin/env node
// After `tsup`: bundles the parts of `@cyclonedx/cyclonedx-library` a JSON BOM needs (enums,
// models, the 1.6 spec, the SPDX id list, the JSON normalizer) into dist/cyclonedx-library.cjs, one
// CommonJS file that `toCycloneDx` requires on first use (src/bom/load-cyclonedx.ts). Node then
// resolves, reads and compiles one file instead of 59 (about half the load's CPU time: see
// BENCHMARKS.md, "AI BOMs"). The library's own code, unchanged: whitespace and syntax are
// minified, names and its licence comments are kept. Where the file is missing (running from
// src/, or a bundler that dropped it), the loader falls back to the installed package.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("../", import.meta.url));
const require = createRequire(join(root, "package.json"));
const pkg = "@cyclonedx/cyclonedx-library";
// the package's `exports` map hides its dist.node layout: find it through a public entry point
const dist = dirname(dirname(require.resolve(`${pkg}/Enums`)));
const { version } = require(`${pkg}/package.json`);

// the same shape the loader's fallback builds from the installed package
const entry = `module.exports = {
  version: ${JSON.stringify(version)},
  Enums: require(${JSON.stringify(join(dist, "enums/index.js"))}),
  Models: require(${JSON.stringify(join(dist, "models/index.js"))}),
  Serialize: { JSON: { Normalize: require(${JSON.stringify(join(dist, "serialize/json/normalize.js"))}) } },
  Spec: require(${JSON.stringify(join(dist, "spec/index.js"))}),
  SPDX: require(${JSON.stringify(join(dist, "spdx.js"))}),
};
`;

const result = await build({
  stdin: { contents: entry, resolveDir: root, sourcefile: "cyclonedx-library-entry.cjs", loader: "js" },
  outfile: join(root, "dist", "cyclonedx-library.cjs"),
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: "eof",
  banner: { js: `/* ${pkg} ${version} (Apache-2.0, https://github.com/CycloneDX/cyclonedx-javascript-library): the parts omrl's JSON BOM uses, bundled by scripts/build-cyclonedx.mjs */` },
  metafile: true,
  logLevel: "warning",
});
const output = Object.values(result.metafile.outputs)[0];
const left = output.imports.filter((i) => i.external);
if (left.length > 0) {
  console.error(`dist/cyclonedx-library.cjs must be self-contained but requires ${left.map((i) => i.path).join(", ")}`);
  process.exit(1);
}
