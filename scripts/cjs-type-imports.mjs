#!/usr/bin/env node
// After `tsup`: the CommonJS declarations (dist/*.d.cts) import types from packages whose types are
// ECMAScript modules only (viem). A CommonJS consumer that typechecks with `skipLibCheck: false`
// under node16/nodenext resolution then gets TS1479 ("the referenced file is an ECMAScript module
// and cannot be imported with 'require'"). Declarations only need the types, so those imports
// become `import type … with { 'resolution-mode': 'import' }` (TypeScript ≥ 5.3). Which packages
// are ESM-only is read from their package.json, not listed here.
import { readdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const dist = join(root, "dist");
const require = createRequire(join(root, "package.json"));

/** The package's declarations for `require` are ES modules (no require-specific types, nearest package.json says "module"). */
async function typesAreEsmOnly(name) {
  let pkgPath;
  try {
    pkgPath = require.resolve(`${name}/package.json`);
  } catch {
    return false;
  }
  const pkg = JSON.parse(await readFile(pkgPath, "utf8"));
  const entry = pkg.exports?.["."] ?? pkg.exports;
  const requireTypes = entry?.require?.types ?? (typeof entry?.types === "string" ? entry.types : (pkg.types ?? pkg.typings));
  if (typeof requireTypes !== "string") return false;
  if (/\.d\.mts$/.test(requireTypes)) return true;
  if (/\.d\.cts$/.test(requireTypes)) return false;
  // the nearest package.json above the declaration file decides its module format
  let dir = dirname(join(dirname(pkgPath), requireTypes));
  while (dir.startsWith(dirname(pkgPath))) {
    try {
      return JSON.parse(await readFile(join(dir, "package.json"), "utf8")).type === "module";
    } catch {
      if (dir === dirname(pkgPath)) return pkg.type === "module";
      dir = dirname(dir);
    }
  }
  return pkg.type === "module";
}

const packageName = (specifier) => (specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0]);
const cache = new Map();
let rewritten = 0;
for (const file of (await readdir(dist)).filter((f) => f.endsWith(".d.cts"))) {
  const path = join(dist, file);
  const text = await readFile(path, "utf8");
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = /^import \{([^}]*)\} from '([^'.][^']*)';$/.exec(lines[i]);
    if (!m || m[2].startsWith("node:")) continue;
    const name = packageName(m[2]);
    if (!cache.has(name)) cache.set(name, await typesAreEsmOnly(name));
    if (!cache.get(name)) continue;
    lines[i] = `import type {${m[1]}} from '${m[2]}' with { 'resolution-mode': 'import' };`;
    rewritten++;
  }
  await writeFile(path, lines.join("\n"));
}
if (process.argv.includes("--verbose")) console.log(`cjs-type-imports: ${rewritten} import(s) of ESM-only types rewritten`);
