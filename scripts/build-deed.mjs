#!/usr/bin/env node
// After `tsup`: bundles `omrl/deed` (src/deed/browser.ts, the <omrl-deed> element) into
// dist/deed.js: one self-contained, minified browser ESM file with every dependency inside, which
// `omrl deed` also inlines into the deed page. .bench-tmp/deed.meta.json is esbuild's metafile
// (what each input contributes), read by bench/deed-size.mjs; kept out of dist/ and the tarball.
import { mkdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("../", import.meta.url));

// The project's own modules have no import-time side effects (only the entry defines the
// element), so whatever the deed does not use is dropped even when it sits behind a module's
// index.ts (the Hub source, GGUF reader, app manifests…).
const pureSources = {
  name: "pure-sources",
  setup(b) {
    b.onResolve({ filter: /^\./ }, async (args) => {
      if (args.pluginData === "pure-sources" || !args.importer.startsWith(`${root}src/`)) return undefined;
      const resolved = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: "pure-sources" });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      return { path: resolved.path, sideEffects: false };
    });
  },
};

// Reached only through code the deed never calls (tree-shaken away); the check below proves it.
const external = ["@huggingface/hub", "@huggingface/gguf"];
const result = await build({
  entryPoints: [`${root}src/deed/browser.ts`],
  outfile: `${root}dist/deed.js`,
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  minify: true,
  legalComments: "none",
  metafile: true,
  external,
  plugins: [pureSources],
  logLevel: "warning",
});
const output = Object.values(result.metafile.outputs)[0];
const left = output.imports.filter((i) => i.external);
if (left.length > 0) {
  console.error(`dist/deed.js must be self-contained but imports ${left.map((i) => i.path).join(", ")}`);
  process.exit(1);
}
await mkdir(`${root}.bench-tmp`, { recursive: true });
await writeFile(`${root}.bench-tmp/deed.meta.json`, JSON.stringify(result.metafile));
