import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rename, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runProcess } from "../helpers/cli.js";

/*
 * The published types compile for every consumer: `npm pack` the package (the exact files npm
 * publishes), install the tarball into temporary ESM and CommonJS projects, and typecheck them with
 * `skipLibCheck: false` under `node16` and `bundler` resolution.
 *
 * Installing: the tarball is unpacked into the consumer's `node_modules/omrl` (what `npm install
 * ./omrl-x.y.z.tgz` puts there) and each of its `dependencies` is linked from this project's
 * `node_modules` — the versions the lockfile installs — instead of `npm install`, which would need
 * the registry (there is no offline cache on CI machines) and take a minute. TypeScript follows the
 * links to the real paths, so every dependency's own types are checked too.
 */

const execFileAsync = promisify(execFile);
const root = fileURLToPath(new URL("../../", import.meta.url));
const tsc = join(root, "node_modules/typescript/bin/tsc");
let work: string;
let tarball: string;

const ESM_SOURCE = `import { parseTerms, termsSchema, computeStatement, verifyModel, type OmrlTerms, type JsonSchemaDocument } from "omrl";
import { openLocalSource, writeFileAtomic } from "omrl/node";
const schema: JsonSchemaDocument = termsSchema;
export const id: string = schema.$id;
export type Terms = OmrlTerms;
export { parseTerms, computeStatement, verifyModel, openLocalSource, writeFileAtomic };
`;

const CJS_REQUIRE_SOURCE = `import omrl = require("omrl");
import omrlNode = require("omrl/node");
const schema: omrl.JsonSchemaDocument = omrl.termsSchema;
export const id: string = schema.$id;
export type Terms = omrl.OmrlTerms;
export const open: typeof omrlNode.openLocalSource = omrlNode.openLocalSource;
`;

type Consumer = { name: string; type: "module" | "commonjs"; file: string; source: string; compilerOptions: Record<string, unknown>; declarations: RegExp };

const consumers: Consumer[] = [
  { name: "esm-node16", type: "module", file: "index.ts", source: ESM_SOURCE, compilerOptions: { module: "node16", moduleResolution: "node16" }, declarations: /omrl\/dist\/index\.d\.ts$/ },
  { name: "cjs-node16", type: "commonjs", file: "index.ts", source: ESM_SOURCE, compilerOptions: { module: "node16", moduleResolution: "node16" }, declarations: /omrl\/dist\/index\.d\.cts$/ },
  { name: "esm-bundler", type: "module", file: "index.ts", source: ESM_SOURCE, compilerOptions: { module: "esnext", moduleResolution: "bundler" }, declarations: /omrl\/dist\/index\.d\.ts$/ },
  { name: "cjs-bundler", type: "commonjs", file: "index.cts", source: CJS_REQUIRE_SOURCE, compilerOptions: { module: "preserve", moduleResolution: "bundler" }, declarations: /omrl\/dist\/index\.d\.cts$/ },
];

async function makeConsumer(consumer: Consumer, dependencies: string[]): Promise<string> {
  const dir = join(work, consumer.name);
  await mkdir(join(dir, "node_modules"), { recursive: true });
  await execFileAsync("tar", ["-xzf", tarball, "-C", join(dir, "node_modules")]);
  await rename(join(dir, "node_modules/package"), join(dir, "node_modules/omrl"));
  for (const name of [...dependencies, "@types/node"]) {
    await mkdir(dirname(join(dir, "node_modules", name)), { recursive: true });
    await symlink(join(root, "node_modules", name), join(dir, "node_modules", name), "dir");
  }
  await writeFile(join(dir, "package.json"), JSON.stringify({ name: consumer.name, private: true, type: consumer.type }));
  await writeFile(join(dir, consumer.file), consumer.source);
  const compilerOptions = { strict: true, skipLibCheck: false, noEmit: true, target: "es2022", types: ["node"], ...consumer.compilerOptions };
  await writeFile(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: [consumer.file] }, null, 2));
  return dir;
}

describe("published types (npm pack → fresh consumers, skipLibCheck: false)", () => {
  const dirs = new Map<string, string>();

  beforeAll(async () => {
    expect(existsSync(join(root, "dist/index.d.ts")), "dist/index.d.ts is missing: run npm run build first").toBe(true);
    work = await mkdtemp(join(tmpdir(), "omrl-consumer-types-"));
    const packed = await runProcess("npm", ["pack", "--silent", "--pack-destination", work], { cwd: root });
    expect(packed.code, packed.stderr).toBe(0);
    tarball = join(work, packed.stdout.trim().split("\n").pop()!);
    const pkg = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    for (const consumer of consumers) dirs.set(consumer.name, await makeConsumer(consumer, Object.keys(pkg.dependencies)));
  });

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("the tarball's declarations have no initialised declarations (the inlined JSON schemas of TS1039/TS1046)", async () => {
    // every declaration file of the tarball (entries and the chunks they share)
    const distDir = join(dirs.get("esm-node16")!, "node_modules/omrl/dist");
    const files = (await readdir(distDir)).filter((f) => /\.d\.c?ts$/.test(f));
    expect(files).toContain("index.d.ts");
    const texts = await Promise.all(files.map((f) => readFile(join(distDir, f), "utf8")));
    expect(texts.flatMap((t, i) => (t.match(/^(declare )?(var|let) [^:\n]*=/gm) ?? []).map((m) => `${files[i]}: ${m}`))).toEqual([]);
    expect(texts.some((t) => /declare const termsSchema: JsonSchemaDocument;/.test(t))).toBe(true);
  });

  // four tsc runs over the package's and its dependencies' declarations (viem's are large): ~30 s on
  // a quiet 2-core machine, more when it is shared
  it("ESM and CommonJS consumers typecheck under node16 and bundler resolution", { timeout: 240_000 }, async () => {
    // the four projects compile in parallel (each run also checks viem's and the other dependencies' types)
    const results = await Promise.all(
      consumers.map(async (consumer) => ({ consumer, result: await runProcess(process.execPath, [tsc, "-p", dirs.get(consumer.name)!, "--listFiles"]) })),
    );
    for (const { consumer, result } of results) {
      const errors = result.stdout.split("\n").filter((line) => /error TS\d+/.test(line));
      expect(errors, `${consumer.name}: tsc reported errors`).toEqual([]);
      expect(result.code, `${consumer.name}: ${result.stdout.slice(0, 2000)}${result.stderr}`).toBe(0);
      // the consumer really read the packed declarations for its module system
      const listed = result.stdout.split("\n").map((line) => line.trim());
      expect(listed.some((file) => consumer.declarations.test(file)), `${consumer.name} read ${consumer.declarations}`).toBe(true);
    }
  });
});
