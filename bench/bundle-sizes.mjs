// Sizes of the core entries bundled for a browser: esbuild, platform browser, no externals,
// minified; one file, and with splitting (lazily loaded chunks apart). Run after npm run build:
//   node bench/bundle-sizes.mjs [dist-dir]
import { build } from "esbuild";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

const dist = process.argv[2] ?? fileURLToPath(new URL("../dist/", import.meta.url));
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
for (const entry of ["index", "terms", "licenses"]) {
  const row = [entry === "index" ? "omrl" : `omrl/${entry}`];
  for (const splitting of [false, true]) {
    const result = await build({
      entryPoints: [`${dist}/${entry}.js`],
      bundle: true,
      platform: "browser",
      format: "esm",
      minify: true,
      write: false,
      splitting,
      outdir: "/nonexistent-omrl-bundle-sizes",
      logLevel: "silent",
    });
    const js = result.outputFiles.filter((f) => f.path.endsWith(".js"));
    const main = js.find((f) => f.path.endsWith(`/${entry}.js`));
    row.push(kib(main.contents.length), kib(gzipSync(main.contents).length));
    if (splitting) row.push(kib(js.reduce((n, f) => n + f.contents.length, 0)));
  }
  console.log(row.join(" | "));
}
