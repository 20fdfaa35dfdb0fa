// `omrl check` on a generated app of 20 local models with lineage among them, warm (lock file
// written and digest cache filled by one untimed run), against Node's floor (`node -e ''`) run
// alternately in the same process. Goal (issue #14): median ≤ 400 ms wall, and 0 network
// requests: HF_ENDPOINT points at a loopback server that counts every request it gets, and the
// case fails if it got any.
// The models are copies of examples/app-ci's acme-tiny-1b, each renamed, with its model card's
// `base_model` naming another of them (a binary tree: tiny-0 fine-tunes meta-llama/Llama-3.2-1B,
// tiny-i fine-tunes tiny-⌊(i-1)/2⌋), each mapped to its folder through the manifest's `sources`.
// Their terms are renamed and left unsigned (a finding, exit 1, not a failure): signing 20
// releases through `omrl init`/`tag`/`sign` is not done here yet.
// Run: npm run bench -- check-20 (OMRL_BENCH_CLI: a built CLI elsewhere, e.g. a copy of dist/)
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const MODELS = 20;
const GOAL_MS = 400;
const root = fileURLToPath(new URL("../../", import.meta.url));
const example = join(root, "examples", "app-ci");
const dir = join(root, ".bench-tmp", "check-20");
const cli = process.env.OMRL_BENCH_CLI ?? join(root, "dist", "cli.js");

let requests = 0;
let server;
let endpoint;

function spawnNode(args, cwd) {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, NO_COLOR: "1", HF_ENDPOINT: endpoint };
    delete env.HF_HUB_OFFLINE;
    const child = spawn(process.execPath, args, { cwd, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

async function check() {
  const r = await spawnNode([cli, "check"], dir);
  // exit 1 is a finding (the generated terms are unsigned); anything else, or no report, is a failure
  if ((r.code !== 0 && r.code !== 1) || r.stdout === "") throw new Error(`omrl check exited ${r.code}: ${r.stderr}`);
  return r;
}

async function setup() {
  server = createServer((req, res) => {
    requests++;
    res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${server.address().port}`;

  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, "models"), { recursive: true });
  const sources = { "meta-llama/Llama-3.2-1B": "./vendor/meta-llama-3.2-1b" };
  await cp(join(example, "vendor", "meta-llama-3.2-1b"), join(dir, "vendor", "meta-llama-3.2-1b"), { recursive: true });
  const models = [];
  for (let i = 0; i < MODELS; i++) {
    const folder = join(dir, "models", `tiny-${i}`);
    await cp(join(example, "models", "acme-tiny-1b"), folder, { recursive: true });
    const terms = JSON.parse(await readFile(join(folder, "omrl.json"), "utf8"));
    terms.model.name = `${terms.model.name}-${i}`;
    terms.model.repo = `acme/tiny-${i}`;
    delete terms.signature;
    await writeFile(join(folder, "omrl.json"), JSON.stringify(terms, null, 2));
    const base = i === 0 ? "meta-llama/Llama-3.2-1B" : `acme/tiny-${(i - 1) >> 1}`;
    const card = await readFile(join(folder, "README.md"), "utf8");
    await writeFile(join(folder, "README.md"), card.replace(/^---\n/, `---\nbase_model: ${base}\n`));
    if (i > 0) sources[`acme/tiny-${i}`] = `./models/tiny-${i}`;
    models.push({ id: `acme/tiny-${i}`, source: `./models/tiny-${i}`, use: "embedded", attribution: { weight: "0.05" } });
  }
  sources["acme/tiny-0"] = "./models/tiny-0";
  const manifest = JSON.parse(await readFile(join(example, "omrl.app.json"), "utf8"));
  delete manifest.$schema;
  manifest.models = models;
  manifest.sources = sources;
  delete manifest.policy.maxTotalRevenueShare;
  await writeFile(join(dir, "omrl.app.json"), JSON.stringify(manifest, null, 2));
  // the digest cache does not remember a file modified within 2 s of hashing it (RACY_WINDOW_MS)
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  await check(); // writes omrl.lock.json and fills the digest cache
  await check();
  requests = 0;
  return {};
}

export default [
  {
    name: "check-20",
    description: `omrl check, app of ${MODELS} local models with lineage, warm, vs node -e ''`,
    iterations: 15,
    setup,
    run: async () => void (await check()),
    anchor: { name: "node -e ''", run: async () => void (await spawnNode(["-e", ""], root)) },
    summarize(result) {
      const met = result.medianMs <= GOAL_MS && requests === 0;
      if (requests !== 0) throw new Error(`omrl check made ${requests} request(s) to HF_ENDPOINT; expected none`);
      return { models: MODELS, networkRequests: requests, goal: `≤ ${GOAL_MS} ms, 0 network requests`, met };
    },
    teardown: async () => {
      await new Promise((resolve) => server.close(resolve));
      await rm(dir, { recursive: true, force: true });
    },
  },
];
