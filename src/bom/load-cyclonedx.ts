import { createRequire } from "node:module";
import type * as Enums from "@cyclonedx/cyclonedx-library/Enums";
import type * as Models from "@cyclonedx/cyclonedx-library/Models";
import type * as Serialize from "@cyclonedx/cyclonedx-library/Serialize";
import type * as Spec from "@cyclonedx/cyclonedx-library/Spec";
import type * as SPDX from "@cyclonedx/cyclonedx-library/SPDX";

/** The parts of `@cyclonedx/cyclonedx-library` a JSON BOM needs. */
export type CycloneDxLibrary = { Enums: typeof Enums; Models: typeof Models; Serialize: typeof Serialize; Spec: typeof Spec; SPDX: typeof SPDX };

/** Where the library was loaded from: the build's one-file bundle, or the installed package. */
export type CycloneDxLibraryOrigin = "bundle" | "package";

/** The bundle's V8 code cache: read and accepted, refused by V8 (another V8 version or flags), unusable (missing, stale, damaged). */
export type CycloneDxCodeCache = "used" | "rejected" | "none";

export type LoadCycloneDxReturnType = { library: CycloneDxLibrary; origin: CycloneDxLibraryOrigin; codeCache: CycloneDxCodeCache };

const PACKAGE = "@cyclonedx/cyclonedx-library";
/** Written beside the built modules by scripts/build-cyclonedx.mjs (dist/cyclonedx-library.cjs). */
const BUNDLE = "cyclonedx-library.cjs";
/**
 * Its V8 code cache, written by the same script: `CODE_CACHE_MAGIC <sha256 of the wrapped source>
 * <sha256 of the data>\n` then V8's data. Both hashes are checked before V8 sees the data: V8 checks
 * its version and flags, but damaged data can crash the process rather than be refused.
 */
const CODE_CACHE = "cyclonedx-library.cjs.v8-cache";
const CODE_CACHE_MAGIC = "omrl-v8-code-cache-2";
/** The CommonJS wrapper the bundle is compiled in (scripts/build-cyclonedx.mjs wraps it the same way; the cache's hash covers it). */
const wrap = (source: string) => `(function (exports, require, module, __filename, __dirname) {${source}\n})`;

let loaded: LoadCycloneDxReturnType | undefined;

type NodeParts = { fs: typeof import("node:fs"); vm: typeof import("node:vm"); crypto: typeof import("node:crypto"); path: typeof import("node:path") };

/**
 * Compiles and runs the bundle with its V8 code cache when the cache was made from exactly this
 * source and is whole (both SHA-256s in its header match; V8 itself then refuses a cache from
 * another V8 version or other flags).
 * Throws when there is no bundle.
 */
function runBundle(load: NodeRequire, dir: string): { exports: unknown; codeCache: CycloneDxCodeCache } {
  const { fs, vm, crypto, path } = { fs: load("node:fs"), vm: load("node:vm"), crypto: load("node:crypto"), path: load("node:path") } as NodeParts;
  const file = path.join(dir, BUNDLE);
  const source = wrap(fs.readFileSync(file, "utf8"));
  let cachedData: Buffer | undefined;
  try {
    const file = fs.readFileSync(path.join(dir, CODE_CACHE));
    const sha256 = (data: string | Uint8Array) => crypto.createHash("sha256").update(data).digest("hex");
    const prefix = `${CODE_CACHE_MAGIC} ${sha256(source)} `;
    const end = prefix.length + 64;
    if (file.length > end && file[end] === 0x0a && file.subarray(0, prefix.length).toString("latin1") === prefix) {
      const data = file.subarray(end + 1);
      if (file.subarray(prefix.length, end).toString("latin1") === sha256(data)) cachedData = data;
    }
  } catch {
    // no cache, or unreadable: compile from source
  }
  const script = new vm.Script(source, { filename: file, cachedData });
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, dir);
  return { exports: module.exports, codeCache: cachedData === undefined ? "none" : script.cachedDataRejected ? "rejected" : "used" };
}

/**
 * `@cyclonedx/cyclonedx-library`, loaded on first use through `require` (it is CommonJS: importing it
 * from an ES module makes Node lex each of its files for named exports, and loading it lazily spares
 * every other command and format). Tried in order:
 * 1. `dist/cyclonedx-library.cjs`, the build's one-file bundle of the JSON parts (one file to
 *    resolve, read and compile instead of 59: about half the load's CPU time), compiled with its
 *    V8 code cache `dist/cyclonedx-library.cjs.v8-cache` when that was made from this very source by
 *    this Node's V8 (else compiled from source);
 * 2. those parts by file in the installed package's `dist.node` layout (absolute paths are not
 *    subject to its `exports` map), which skips the XML serializer the public `Serialize` entry loads;
 * 3. the public entry points, should a release move those files.
 *
 * @example
 * const { Models, Spec } = loadCycloneDx().library;
 */
export function loadCycloneDx(): LoadCycloneDxReturnType {
  if (loaded) return loaded;
  const self = typeof __filename === "string" ? __filename : import.meta.url;
  const load = createRequire(self);
  try {
    const dir = (load("node:path") as typeof import("node:path")).dirname(self.startsWith("file:") ? (load("node:url") as typeof import("node:url")).fileURLToPath(self) : self);
    const { exports, codeCache } = runBundle(load, dir);
    const bundle = exports as Partial<CycloneDxLibrary>;
    if (bundle.Enums && bundle.Models && bundle.Serialize?.JSON?.Normalize && bundle.Spec && bundle.SPDX) return (loaded = { library: bundle as CycloneDxLibrary, origin: "bundle", codeCache });
  } catch {
    // no bundle beside this module (running from src/, or re-bundled by an application): the package
  }
  try {
    const dist = load.resolve(`${PACKAGE}/Enums`).replace(/[\\/]enums[\\/]index\.js$/, "");
    if (dist === load.resolve(`${PACKAGE}/Enums`)) throw new Error("unexpected layout");
    const library = {
      Enums: load(`${dist}/enums/index.js`),
      Models: load(`${dist}/models/index.js`),
      Serialize: { JSON: { Normalize: load(`${dist}/serialize/json/normalize.js`) } } as unknown as typeof Serialize,
      Spec: load(`${dist}/spec/index.js`),
      SPDX: load(`${dist}/spdx.js`),
    };
    return (loaded = { library, origin: "package", codeCache: "none" });
  } catch {
    const library = { Enums: load(`${PACKAGE}/Enums`), Models: load(`${PACKAGE}/Models`), Serialize: load(`${PACKAGE}/Serialize`), Spec: load(`${PACKAGE}/Spec`), SPDX: load(`${PACKAGE}/SPDX`) };
    return (loaded = { library, origin: "package", codeCache: "none" });
  }
}
