import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as { version: string };

export default defineConfig([
  {
    // The library: `omrl` (runtime-neutral core) and `omrl/node` (Node-only parts).
    entry: { index: "src/index.ts", node: "src/node.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "node20",
    // ESM-only dependencies are bundled so that `require("omrl")` works too.
    noExternal: ["canonicalize"],
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
