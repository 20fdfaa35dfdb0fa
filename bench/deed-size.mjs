// node bench/deed-size.mjs (after npm run build): the size of `omrl/deed` (dist/deed.js, the
// <omrl-deed> element with everything it needs, minified) raw, gzip -9 and brotli, and what each
// package or source module contributes (esbuild's metafile, .bench-tmp/deed.meta.json), largest first.
// Prints a RESULT JSON line like the benchmarks. Sizes, not timings: no runs, no medians.
import { readFile } from "node:fs/promises";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const dist = new URL("../dist/", import.meta.url);
const code = await readFile(new URL("deed.js", dist));
const meta = JSON.parse(await readFile(new URL("../.bench-tmp/deed.meta.json", import.meta.url), "utf8"));
const gzip = gzipSync(code, { level: 9 }).length;
const brotli = brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

const output = Object.values(meta.outputs)[0];
const groups = new Map();
for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
  const key = input.startsWith("node_modules/") ? input.replace(/^node_modules\/((@[^/]+\/)?[^/]+).*$/, "$1") : input.replace(/^src\/([^/]+)\/.*$/, "src/$1");
  groups.set(key, (groups.get(key) ?? 0) + bytesInOutput);
}
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`dist/deed.js: ${kib(code.length)} minified, ${kib(gzip)} gzip -9, ${kib(brotli)} brotli (goal: ≤ 150 KB minified + gzip)`);
console.log("minified bytes by package / module:");
const rows = [...groups].sort((a, b) => b[1] - a[1]);
for (const [name, bytes] of rows) console.log(`  ${name.padEnd(28)} ${kib(bytes).padStart(10)}  ${((100 * bytes) / code.length).toFixed(1).padStart(5)}%`);
console.log(`RESULT ${JSON.stringify({ name: "deed-size", minifiedBytes: code.length, gzipBytes: gzip, brotliBytes: brotli, viem: rows.some(([n]) => n === "viem"), top: Object.fromEntries(rows.slice(0, 8)) })}`);
