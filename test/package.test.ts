import { spawnSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../", import.meta.url));

describe("the built package (npm test builds it first)", () => {
  it("the core entry bundles for a browser: no Node built-ins in its import graph", async () => {
    // esbuild fails on a Node built-in when bundling for the browser platform. The Hugging Face
    // Hub client ships a browser build through its package.json "browser" map, which webpack
    // and Vite honour but esbuild ignores once "exports" matched; it is checked below instead.
    // (GGUF headers are read by the SDK's own decoder: `@huggingface/gguf` is a devDependency.)
    const huggingFace = ["@huggingface/hub"];
    const result = await build({
      entryPoints: [`${root}dist/index.js`],
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      logLevel: "silent",
      metafile: true,
      external: huggingFace,
    });
    expect(result.errors).toEqual([]);
    const inputs = Object.keys(result.metafile!.inputs);
    expect(inputs.some((path) => path.startsWith("node:"))).toBe(false);
    expect(inputs.length).toBeGreaterThan(10);
    for (const name of huggingFace) {
      const pkg = JSON.parse(await readFile(`${root}node_modules/${name}/package.json`, "utf8"));
      expect(pkg.browser?.["./dist/index.mjs"], `${name} maps its ESM entry to a browser build`).toBe("./dist/browser/index.mjs");
    }
  });

  it("omrl/node pulls in Node built-ins (so the split is real)", async () => {
    const text = await readFile(`${root}dist/node.js`, "utf8");
    expect(text).toMatch(/from "node:|from "\.\/chunk-/);
  });

  it("ESM and CommonJS entry points export the same API", async () => {
    const esm = await import(`${root}dist/index.js`);
    const require = createRequire(import.meta.url);
    const cjs = require(`${root}dist/index.cjs`);
    expect(Object.keys(cjs).sort()).toEqual(Object.keys(esm).sort());
    for (const name of ["parseTerms", "verifyModel", "computeStatement", "planPayments", "matchRound", "createWebhookHandler", "SourceReadError"])
      expect(typeof esm[name], name).toBe("function");
    const esmNode = await import(`${root}dist/node.js`);
    expect(typeof esmNode.openLocalSource).toBe("function");
    expect(typeof require(`${root}dist/node.cjs`).openLocalSource).toBe("function");
  });

  it("the exports map, bin and files point at what the build writes", async () => {
    const pkg = JSON.parse(await readFile(`${root}package.json`, "utf8"));
    const targets: string[] = [];
    const walk = (value: unknown) => {
      if (typeof value === "string") targets.push(value);
      else if (value && typeof value === "object") Object.values(value).forEach(walk);
    };
    walk(pkg.exports["."]);
    walk(pkg.exports["./node"]);
    walk(pkg.exports["./terms"]);
    walk(pkg.exports["./licenses"]);
    walk(pkg.bin);
    for (const target of targets) await expect(readFile(`${root}${target}`), target).resolves.toBeDefined();
    const version = spawnSync(process.execPath, [`${root}${pkg.bin.omrl}`, "--version"], { encoding: "utf8" });
    expect(version.stdout.trim()).toBe(pkg.version);
  });
});
