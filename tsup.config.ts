import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as { version: string };

/** Dependencies bundled into the CLI (not the library): see the CLI entry below. */
const CLI_BUNDLED = [
  "yaml",
  "commander",
  "picomatch",
  "spdx-expression-parse",
  "canonicalize",
  "mustache",
  "@noble/hashes",
  "@noble/curves",
  "ajv-formats",
];

export default defineConfig([
  {
    // The library: `omrl` (runtime-neutral core) and `omrl/node` (Node-only parts); `omrl/terms` and
    // `omrl/licenses` are small core entries for browsers and edge workers (no Hub client, no viem).
    entry: { index: "src/index.ts", node: "src/node.ts", terms: "src/terms/index.ts", licenses: "src/licenses/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "node20",
    // ESM-only dependencies are bundled so that `require("omrl")` works too. The Hugging Face
    // Hub client is bundled from its browser build (which uses fetch and no Node built-ins; the
    // "browser" map that webpack and Vite honour but esbuild ignores under "exports") into a chunk
    // the core loads lazily, so `esbuild --bundle --platform=browser` of `omrl` needs no externals.
    noExternal: ["canonicalize", "@huggingface/hub", "@huggingface/tasks"],
    esbuildOptions(options) {
      options.alias = {
        ...options.alias,
        "@huggingface/hub": "./node_modules/@huggingface/hub/dist/browser/index.mjs",
      };
    },
  },
  {
    // `omrl/deed` types only: dist/deed.js itself is bundled after tsup by scripts/build-deed.mjs
    // (one self-contained minified browser file; run after tsup so no clean can race it)
    entry: { deed: "src/deed/browser.ts" },
    format: ["esm"],
    dts: { only: true },
  },
  {
    // cli-describe: run once by scripts/cli-metadata.mjs to write dist/cli-commands.json, then removed
    entry: { cli: "src/cli/main.ts", "cli-describe": "src/cli/startup/describe-cli.ts" },
    format: ["esm"],
    sourcemap: true,
    target: "node20",
    // The small dependencies a local `verify`/`validate`/`check` runs on are bundled into the CLI's
    // chunks: loading yaml alone from node_modules is 72 CommonJS files (~50 ms), and each file
    // costs a resolve, a read and a compile (issue #14, measured in BENCHMARKS.md). The bundled
    // CommonJS code reaches Node built-ins through `require`, which the banner provides.
    noExternal: CLI_BUNDLED,
    banner: {
      js: '#!/usr/bin/env node\nimport { createRequire as __omrlCreateRequire } from "node:module";\nconst require = __omrlCreateRequire(import.meta.url);',
    },
    define: { __OMRL_VERSION__: JSON.stringify(version) },
    // dist/cli-commands.json: every command's options and help, so that --help and --version
    // load no command module (src/cli/startup/)
    onSuccess: async () => {
      await import(`${new URL("./scripts/cli-metadata.mjs", import.meta.url).href}?${Date.now()}`);
    },
  },
]);
