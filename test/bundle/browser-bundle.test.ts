import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseTerms, hashTerms, verifyTermsSignature } from "../../src/terms/index.js";
import { runProcess } from "../helpers/cli.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const release = join(root, "examples/model-release");

/**
 * Each core entry of the built package, bundled as a browser or edge worker would bundle it:
 * esbuild, platform browser, no externals (so no Node built-in and no Node build of a dependency
 * may be reachable), then run under --disallow-code-generation-from-strings (strict CSP, edge
 * runtimes): no schema compiled at run time, no eval.
 */
describe("the core bundles for browsers and runs with code generation disallowed (npm test builds dist first)", () => {
  let dir: string;
  let filesPath: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "omrl-bundle-"));
    const files: Record<string, string> = {};
    for (const name of await readdir(release)) if (!name.endsWith(".test.ts")) files[name] = (await readFile(join(release, name))).toString("base64");
    filesPath = join(dir, "files.json");
    await writeFile(filesPath, JSON.stringify(files));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function bundle(entry: string) {
    const outfile = join(dir, `${entry}.mjs`);
    const result = await build({
      entryPoints: [join(root, `dist/${entry}.js`)],
      bundle: true,
      platform: "browser",
      format: "esm",
      minify: true,
      metafile: true,
      outfile,
      logLevel: "silent",
    });
    expect(result.errors).toEqual([]);
    const inputs = Object.keys(result.metafile!.inputs);
    expect(inputs.filter((path) => path.startsWith("node:") || /^(fs|path|stream|os|crypto)$/.test(path)), entry).toEqual([]);
    return { outfile, inputs };
  }

  async function run(entry: string, outfile: string) {
    const script = fileURLToPath(new URL("./run-core-bundle.mjs", import.meta.url));
    const result = await runProcess(process.execPath, ["--disallow-code-generation-from-strings", script, pathToFileURL(outfile).href, filesPath, entry]);
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout);
  }

  async function expectedTerms() {
    const terms = parseTerms(await readFile(join(release, "omrl.json"), "utf8"));
    const signature = await verifyTermsSignature(terms);
    return { signature: { valid: signature.valid, byLicensor: signature.byLicensor, signer: signature.signer }, termsHash: hashTerms(terms), invalid: "InvalidTermsError" };
  }

  it("omrl: parseTerms, verifyTermsSignature and verifyModel on an in-memory source", async () => {
    const { outfile } = await bundle("index");
    const out = await run("index", outfile);
    expect(out.codeGeneration).toBe("EvalError");
    expect(out).toMatchObject(await expectedTerms());
    expect(out.signature.valid).toBe(true);
    expect(out.status).toBe("compliant");
    expect(out.diagnostics).toEqual([]);
  });

  it("omrl/terms: no Hub client, no viem, no Ajv", async () => {
    const { outfile, inputs } = await bundle("terms");
    expect(inputs.filter((path) => /node_modules\/(@huggingface|viem|ox|ajv\/)/.test(path))).toEqual([]);
    const out = await run("terms", outfile);
    expect(out.codeGeneration).toBe("EvalError");
    expect(out).toMatchObject(await expectedTerms());
  });

  it("omrl/licenses: the knowledge base alone", async () => {
    const { outfile, inputs } = await bundle("licenses");
    expect(inputs.filter((path) => /node_modules\/(@huggingface|viem|ox|ajv\/|@noble)/.test(path))).toEqual([]);
    const out = await run("licenses", outfile);
    expect(out).toMatchObject({ codeGeneration: "EvalError", license: "Apache-2.0", expression: "parsed" });
  });
});
