// Start-up of the real CLI process (`node dist/cli.js …`) against Node's own floor
// (`node -e ''`), run alternately in the same process by the harness. Goals (issue #14):
// --version / --help / <command> --help ≤ 1.5× the floor, validate ≤ 2.5×, verify (warm digest
// cache) ≤ 3×. Run: npm run bench -- startup
// OMRL_STARTUP_CASES: run only the cases whose label contains one of these comma-separated
// strings (e.g. OMRL_STARTUP_CASES=verify,validate).
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

function startupCase(label, args, goal) {
  return {
    name: `startup: omrl ${label}`,
    description: `node dist/cli.js ${args.join(" ")} vs node -e ''`,
    iterations: 21,
    // one untimed run: the digest cache is warm and the files are in the page cache
    setup: async () => void (await run([cli, ...args])),
    run: () => run([cli, ...args]),
    anchor: floor,
    summarize: (result) => ({ goal: `≤ ${goal}× the floor`, met: result.ratio <= goal }),
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
