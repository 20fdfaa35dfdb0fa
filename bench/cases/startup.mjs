// Start-up of the real CLI process (`node dist/cli.js …`) against Node's own floor
// (`node -e ''`), run alternately in the same process by the harness. Goals (issue #14):
// --version / --help / <command> --help ≤ 1.5× the floor, validate ≤ 2.5×, verify (warm digest
// cache) ≤ 3×. Run: npm run bench -- startup
// OMRL_STARTUP_CASES: run only the cases whose label contains one of these comma-separated
// strings (e.g. OMRL_STARTUP_CASES=verify,validate).
// OMRL_STARTUP_BASELINE_CLI: an older build's cli.js; each case then runs against the same command
// on that build instead of `node -e ''` (ratio < 1: the new build is faster), alternately in the
// same process, which a loaded machine cannot skew the way it skews two separate runs.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
// OMRL_CLI: another build of the CLI (e.g. a copy of dist/, so a rebuild cannot race the run)
const cli = process.env.OMRL_CLI ?? `${root}dist/cli.js`;
const release = `${root}examples/model-release`;

function run(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(" ")} exited ${code}: ${stderr}`))));
  });
}

const floor = { name: "node -e ''", run: () => run(["-e", ""]) };
const baseline = process.env.OMRL_STARTUP_BASELINE_CLI;

function startupCase(label, args, goal) {
  return {
    name: `startup: omrl ${label}`,
    description: `node dist/cli.js ${args.join(" ")} vs ${baseline ? "the baseline build" : "node -e ''"}`,
    iterations: 21,
    // one untimed run (each build): the digest cache is warm and the files are in the page cache
    run: () => run([cli, ...args]),
    setup: async () => {
      await run([cli, ...args]);
      if (baseline) await run([baseline, ...args]);
    },
    anchor: baseline ? { name: `node ${baseline} ${args.join(" ")}`, run: () => run([baseline, ...args]) } : floor,
    summarize: (result) => (baseline ? { against: "baseline build" } : { goal: `≤ ${goal}× the floor`, met: result.ratio <= goal }),
  };
}

const only = (process.env.OMRL_STARTUP_CASES ?? "").split(",").filter(Boolean);

export default [
  startupCase("--version", ["--version"], 1.5),
  startupCase("--help", ["--help"], 1.5),
  startupCase("verify --help", ["verify", "--help"], 1.5),
  startupCase("check --help", ["check", "--help"], 1.5),
  startupCase("qf funders --help", ["qf", "funders", "--help"], 1.5),
  startupCase("validate examples/model-release", ["validate", release], 2.5),
  startupCase("verify examples/model-release", ["verify", release], 3),
].filter((benchCase) => only.length === 0 || only.some((part) => benchCase.name.includes(part)));
