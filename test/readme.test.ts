/**
 * The README's library examples: every name they import is exported by the built entry points,
 * and every `ts` block of "The library" runs as it is — TypeScript stripped with esbuild, `omrl`
 * and `omrl/node` mapped to `dist/` — in a child process, against files in a temp working folder,
 * the Hub test server (`HF_ENDPOINT`) and a local Anvil node (`RPC_URL`). `npm test` builds first.
 */
import { copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { readFile } from "node:fs/promises";
import { transform } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAnvil, type Anvil } from "./helpers/anvil.js";
import { runProcess } from "./helpers/cli.js";
import { commitSha, modelCard, startHubServer, type HubServer } from "./helpers/hub-server/index.js";

const root = new URL("../", import.meta.url);
const readme = await readFile(new URL("README.md", root), "utf8");
const library = readme.slice(readme.indexOf("## The library"), readme.indexOf("\n## ", readme.indexOf("## The library") + 5));
const blocks = [...library.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
const DEV_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

let work: string;
/** Inside the repository, so the blocks resolve `viem` from its node_modules. */
let scripts: string;
let hub: HubServer;
let anvil: Anvil;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "omrl-readme-"));
  scripts = await mkdtemp(join(new URL("node_modules/", root).pathname, ".omrl-readme-"));
  const example = new URL("examples/", root).pathname;
  await copyFile(join(example, "app-ci/models/acme-tiny-1b/omrl.json"), join(work, "omrl.json"));
  await copyFile(join(example, "app-ci/revenue-2026-Q3.csv"), join(work, "revenue.csv"));
  await writeFile(join(work, "contributions.csv"), "contributor,project,amount\n0x70997970C51812dc3A010C7d01b50e0d17dc79C8,llama-fr,12.5\n0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC,llama-fr,4\n0x90F79bf6EB2c4f870365E785982E1f101E93b906,other,9\n");
  await runProcess("cp", ["-r", join(example, "model-release"), join(work, "my-model")]);
  hub = await startHubServer({ repos: [{ id: "acme/tiny-1b", commits: [{ sha: commitSha("acme/tiny-1b v1.0"), refs: ["main", "v1.0"], files: [{ path: "README.md", content: modelCard("license: apache-2.0") }] }] }] });
  anvil = await startAnvil();
}, 60_000);
afterAll(async () => {
  await hub?.close();
  await anvil?.stop();
  await rm(work, { recursive: true, force: true });
  await rm(scripts, { recursive: true, force: true });
});

it("every name the README imports from omrl and omrl/node is exported", async () => {
  const entry = { omrl: await import("../dist/index.js"), "omrl/node": await import("../dist/node.js") } as Record<string, Record<string, unknown>>;
  const imports = [...readme.matchAll(/import \{([^}]+)\} from "(omrl(?:\/node)?)"/g)];
  expect(imports.length).toBeGreaterThan(5);
  const missing: string[] = [];
  for (const [, names, from] of imports)
    for (const name of names!.split(",").map((n) => n.trim().replace(/^type\s+/, "")).filter(Boolean))
      if (!(name in entry[from!]!)) missing.push(`${name} from ${from}`);
  expect(missing).toEqual([]);
});

describe("README library examples run", () => {
  it("finds the blocks", () => expect(blocks.length).toBeGreaterThanOrEqual(5));

  it.each(blocks.map((code, i) => [i + 1, code.split("\n").find((l) => !l.startsWith("import") && l.trim() !== "")!.slice(0, 60), code] as const))(
    "block %i (%s…) runs without throwing",
    async (index, _first, code) => {
      let js = (await transform(code, { loader: "ts", format: "esm", target: "node20" })).code;
      js = js
        .replace(/from "omrl"/g, `from ${JSON.stringify(pathToFileURL(new URL("dist/index.js", root).pathname).href)}`)
        .replace(/from "omrl\/node"/g, `from ${JSON.stringify(pathToFileURL(new URL("dist/node.js", root).pathname).href)}`);
      // a block that starts a server is stopped once it is listening
      if (js.includes(".listen(")) js += "\nsetTimeout(() => process.exit(0), 300);\n";
      const file = join(scripts, `block-${index}.mjs`);
      await writeFile(file, js);
      const run = await runProcess(process.execPath, [file], {
        cwd: work,
        env: { LICENSOR_KEY: DEV_KEY, HF_ENDPOINT: hub.url, HF_TOKEN: "", RPC_URL: anvil.rpcUrl, WEBHOOK_SECRET: "s3cret", PORT: "0", OMRL_CACHE_DIR: join(work, ".cache") },
      });
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
    },
    30_000,
  );
});
