// `omrl check` on a generated app of 20 local models with lineage among them, warm (lock file
// written and digest cache filled by untimed runs), against Node's floor (`node -e ''`) run
// alternately in the same process. Goal (issue #14): median ≤ 400 ms wall, and 0 network
// requests: HF_ENDPOINT points at a loopback server that counts every request it gets, and the
// case fails if it got any.
// The app is 20 properly made OMRL releases, each built the way a publisher builds one (untimed):
// a model card naming its base model, a small safetensors file (examples/app-ci's), then
// `omrl init` → `omrl tag --stamp` → `omrl sign` with a throwaway key (Anvil's public dev key 0).
// The lineage is a binary tree: tiny-0 fine-tunes meta-llama/Llama-3.2-1B (a local stand-in),
// tiny-i fine-tunes tiny-⌊(i-1)/2⌋ (depth up to 5); every repo id is mapped to its folder
// through the manifest's `sources`. `omrl check` must exit 0 (no findings): the case fails
// otherwise. The generated releases are kept under .bench-tmp/ keyed by GENERATION (bump it
// when the generator or the licence template changes); the app folder itself is re-made per run.
// Run: npm run bench -- check-20 (OMRL_BENCH_CLI: a built CLI elsewhere, e.g. a copy of dist/;
// OMRL_BENCH_BASELINE_CLI: also time an older build against it on the same app, same reports)
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import { copyFile, mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const MODELS = 20;
const GOAL_MS = 400;
/** Bump when the generator changes (the licence template and terms schema are hashed into the key). */
const GENERATION = "2";
const root = fileURLToPath(new URL("../../", import.meta.url));
const example = join(root, "examples", "app-ci");
const cli = process.env.OMRL_BENCH_CLI ?? join(root, "dist", "cli.js");
// the child prints its own CPU time (user + system, µs) as it exits: on a shared, loaded machine
// wall time is mostly waiting for a core, CPU time is the work
const cpuReport = `--import=data:text/javascript,${encodeURIComponent('process.on("exit",()=>{const u=process.cpuUsage();process.stderr.write(`\\nOMRL_CPU_US=${u.user+u.system}\\n`)})')}`;
/** Anvil's development account 0: its key ships with every Foundry install. A throwaway, for this bench only. */
const LICENSOR = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
const LICENSOR_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const FUNDERS = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";

let dir;
let requests = 0;
let server;
let endpoint;

function spawnNode(args, cwd, extraEnv = {}) {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, NO_COLOR: "1", HF_ENDPOINT: endpoint, ...extraEnv };
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

async function omrl(args, cwd, env) {
  const r = await spawnNode([cli, ...args], cwd, env);
  if (r.code !== 0) throw new Error(`omrl ${args.join(" ")} exited ${r.code}:\n${r.stdout}${r.stderr}`);
  return r;
}

/** The last report each CLI printed (a baseline run must print the same). */
const outputs = new Map();

async function check(which = cli) {
  const r = await spawnNode([cpuReport, which, "check"], dir);
  // the app is made of signed, tagged releases: any finding (exit 1) is a failure of the generator or of check
  if (r.code !== 0 || r.stdout === "")
    throw new Error(`omrl check exited ${r.code} in ${dir} (a stale generated app? delete it to generate it again):\n${r.stdout}${r.stderr}`);
  const cpu = /OMRL_CPU_US=(\d+)/.exec(r.stderr);
  if (!cpu) throw new Error("omrl check: no CPU report");
  outputs.set(which, r.stdout);
  return { cpuMs: Number(cpu[1]) / 1000 };
}

/** One release as a publisher makes it: card naming its base, weights, init → tag --stamp → sign. */
async function makeRelease(i) {
  const folder = join(dir, "models", `tiny-${i}`);
  await mkdir(folder, { recursive: true });
  const base = i === 0 ? "meta-llama/Llama-3.2-1B" : `acme/tiny-${(i - 1) >> 1}`;
  const license = i === 0 ? "llama3.2" : "LicenseRef-OMRL-1.0";
  await writeFile(join(folder, "README.md"), `---\nbase_model: ${base}\nbase_model_relation: finetune\n---\n\n# Llama Acme Tiny ${i}\n\nA generated release for the check-20 benchmark.\n`);
  await copyFile(join(example, "models", "acme-tiny-1b", "model.safetensors"), join(folder, "model.safetensors"));
  // Llama 3.2 §1.b.i: the direct derivative ships the Llama licence text (its descendants are OMRL-only releases)
  if (i === 0) await copyFile(join(example, "vendor", "acme-llama-3.2-1b-chat", "LICENSE-LLAMA-3.2.txt"), join(folder, "LICENSE-LLAMA-3.2.txt"));
  // prettier-ignore
  await omrl([
    "init", folder,
    "--name", `Llama Acme Tiny ${i}`,
    "--repo", `acme/tiny-${i}`,
    "--model-version", "1.0.0",
    "--licensor", LICENSOR,
    "--licensor-name", "Acme Labs",
    "--payee", `${LICENSOR}=70%:Core team`,
    "--payee", `${FUNDERS}=30%:Funders`,
    "--rate", "1%",
    "--basis", "attributable",
    "--chain", "eip155:31337",
    "--token", "eip155:31337/erc20:0x5FbDB2315678afecb367f032d93F642f64180aa3",
    "--token-symbol", "USDC",
    "--token-decimals", "6",
    "--mau", "1000",
    "--stacking", "absolute",
    "--base-model", `${base}=${license}:finetune`,
    "--attribution", `Built with Llama; uses Llama Acme Tiny ${i} by Acme Labs (OMRL 1.0)`,
    "--restriction", "Do not use the model to generate spam.",
    // Llama 3.2's acceptable use policy flows down to every recipient, through every generation
    "--restriction", "Use of the Model must comply with the Llama 3.2 Acceptable Use Policy (https://www.llama.com/llama3_2/use-policy), which flows down from meta-llama/Llama-3.2-1B.",
    "--issued", "2026-06-01",
  ], root);
  await omrl(["tag", folder, "--stamp", "--no-cache"], root);
  await omrl(["sign", folder, "--key-env", "OMRL_BENCH_KEY", "--signed-at", "2026-06-01T00:00:00Z"], root, { OMRL_BENCH_KEY: LICENSOR_KEY });
}

async function generate() {
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, "models"), { recursive: true });
  await mkdir(join(dir, "vendor", "meta-llama-3.2-1b"), { recursive: true });
  await copyFile(join(example, "vendor", "meta-llama-3.2-1b", "README.md"), join(dir, "vendor", "meta-llama-3.2-1b", "README.md"));
  const sources = { "meta-llama/Llama-3.2-1B": "./vendor/meta-llama-3.2-1b" };
  const models = [];
  for (let i = 0; i < MODELS; i++) {
    sources[`acme/tiny-${i}`] = `./models/tiny-${i}`;
    models.push({ id: `acme/tiny-${i}`, source: `./models/tiny-${i}`, use: "embedded", attribution: { weight: "0.05" } });
  }
  // two at a time (two cores)
  for (let i = 0; i < MODELS; i += 2) await Promise.all([makeRelease(i), ...(i + 1 < MODELS ? [makeRelease(i + 1)] : [])]);
  const manifest = JSON.parse(await readFile(join(example, "omrl.app.json"), "utf8"));
  delete manifest.$schema;
  manifest.models = models;
  manifest.sources = sources;
  delete manifest.policy.maxTotalRevenueShare; // 20 models and their ancestors stack well past the example's 10%
  await writeFile(join(dir, "omrl.app.json"), JSON.stringify(manifest, null, 2));
  await writeFile(join(dir, ".generated"), "");
}

async function setup() {
  server = createServer((req, res) => {
    requests++;
    res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${server.address().port}`;

  const key = createHash("sha256").update(GENERATION);
  for (const file of ["OMRL-1.0.md", "omrl-terms-1.0.schema.json", "omrl-app-1.0.schema.json"]) key.update(await readFile(join(root, "license-templates", file)));
  dir = join(root, ".bench-tmp", `check-20-${key.digest("hex").slice(0, 12)}`);
  const cached = await stat(join(dir, ".generated")).then(() => true, () => false);
  if (!cached) {
    await generate();
    // the digest cache does not remember a file modified within 2 s of hashing it (RACY_WINDOW_MS)
    await new Promise((resolve) => setTimeout(resolve, 2_500));
  }
  await check(); // writes omrl.lock.json and fills the digest cache
  await check();
  requests = 0;
  return {};
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return +((s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2).toFixed(1);
};

// OMRL_BENCH_BASELINE_CLI: another build's cli.js (e.g. a copy of dist/ built from an older commit)
// timed against this one on the same app, alternately; the two reports must be the same.
const baseline = process.env.OMRL_BENCH_BASELINE_CLI;

export default [
  {
    name: "check-20",
    description: `omrl check, app of ${MODELS} local models with lineage, warm, vs node -e ''`,
    iterations: 15,
    setup,
    run: () => check(),
    anchor: { name: "node -e ''", run: async () => void (await spawnNode(["-e", ""], root)) },
    summarize(result) {
      const met = result.medianMs <= GOAL_MS && requests === 0;
      if (requests !== 0) throw new Error(`omrl check made ${requests} request(s) to HF_ENDPOINT; expected none`);
      return { models: MODELS, medianCpuMs: median(result.runs.map((r) => r.cpuMs)), networkRequests: requests, goal: `≤ ${GOAL_MS} ms, 0 network requests`, met };
    },
    // the generated app stays under .bench-tmp/ for the next run (its key changes with the template)
    teardown: async () => void (await new Promise((resolve) => server.close(resolve))),
  },
  ...(baseline
    ? [
        {
          name: "check-20-vs-baseline",
          description: `omrl check on the same app: this build vs ${baseline}, alternately`,
          iterations: 15,
          setup,
          run: () => check(),
          anchor: { name: `baseline ${baseline}`, run: () => check(baseline) },
          summarize(result) {
            if (requests !== 0) throw new Error(`omrl check made ${requests} request(s) to HF_ENDPOINT; expected none`);
            if (outputs.get(cli) !== outputs.get(baseline)) throw new Error("the baseline printed another report than this build");
            return { medianCpuMs: median(result.runs.map((r) => r.cpuMs)), baselineMedianCpuMs: median(result.anchorRuns.map((r) => r.cpuMs)), sameReport: true, networkRequests: requests };
          },
          teardown: async () => void (await new Promise((resolve) => server.close(resolve))),
        },
      ]
    : []),
];
