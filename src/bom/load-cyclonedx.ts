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

const PACKAGE = "@cyclonedx/cyclonedx-library";
/** Written beside the built modules by scripts/build-cyclonedx.mjs (dist/cyclonedx-library.cjs). */
const BUNDLE = "./cyclonedx-library.cjs";

export type LoadCycloneDxReturnType = { library: CycloneDxLibrary; origin: CycloneDxLibraryOrigin };

let loaded: LoadCycloneDxReturnType | undefined;

/**
 * `@cyclonedx/cyclonedx-library`, loaded on first use through `require` (it is CommonJS: importing it
 * from an ES module makes Node lex each of its files for named exports, and loading it lazily spares
 * every other command and format). Tried in order:
 * 1. `dist/cyclonedx-library.cjs`, the build's one-file bundle of the JSON parts (one file to
 *    resolve, read and compile instead of 59: about half the load's CPU time; a V8 code cache for
 *    it was measured and left out, see BENCHMARKS.md "AI BOMs");
 * 2. those parts by file in the installed package's `dist.node` layout (absolute paths are not
 *    subject to its `exports` map), which skips the XML serializer the public `Serialize` entry loads;
 * 3. the public entry points, should a release move those files.
 *
 * @example
 * const { Models, Spec } = loadCycloneDx().library;
 */
export function loadCycloneDx(): LoadCycloneDxReturnType {
  if (loaded) return loaded;
  const load = createRequire(typeof __filename === "string" ? __filename : import.meta.url);
  try {
    const bundle = load(BUNDLE) as Partial<CycloneDxLibrary>;
    if (bundle.Enums && bundle.Models && bundle.Serialize?.JSON?.Normalize && bundle.Spec && bundle.SPDX) return (loaded = { library: bundle as CycloneDxLibrary, origin: "bundle" });
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
    return (loaded = { library, origin: "package" });
  } catch {
    const library = { Enums: load(`${PACKAGE}/Enums`), Models: load(`${PACKAGE}/Models`), Serialize: load(`${PACKAGE}/Serialize`), Spec: load(`${PACKAGE}/Spec`), SPDX: load(`${PACKAGE}/SPDX`) };
    return (loaded = { library, origin: "package" });
  }
}
