// npm run bench [-- name-filter…]: runs every case in bench/cases/ (or those whose file name
// contains a filter) against the built package in dist/. See bench/harness.mjs.
import { readdir } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { join } from "node:path";
import { printResult, runCase } from "./harness.mjs";

const dir = fileURLToPath(new URL("./cases/", import.meta.url));
const filters = process.argv.slice(2);
const files = (await readdir(dir)).filter((f) => f.endsWith(".mjs")).sort();
const selected = files.filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
if (selected.length === 0) {
  console.error(`no benchmark matches ${filters.join(" ")}; cases: ${files.join(", ")}`);
  process.exit(2);
}
for (const file of selected) {
  const mod = await import(pathToFileURL(join(dir, file)).href);
  const cases = Array.isArray(mod.default) ? mod.default : [mod.default];
  for (const benchCase of cases) printResult(await runCase(benchCase));
}
