import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as { version: string };

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
    banner: { js: "#!/usr/bin/env node" },
    define: { __OMRL_VERSION__: JSON.stringify(version) },
    // dist/cli-commands.json: every command's options and help, so that --help and --version
    // load no command module (src/cli/startup/)
    onSuccess: async () => {
      await import(`${new URL("./scripts/cli-metadata.mjs", import.meta.url).href}?${Date.now()}`);
    },
  },
]);
