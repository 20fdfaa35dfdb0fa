// `omrl qf` on Gitcoin Grants round 9 (69,015 contributions, 8,131 contributors, 641 grants), as a
// user runs it: one real `node dist/cli.js qf …` process per run (parse, aggregate, match, write
// JSON to a file), per algorithm. Each run reports its wall time, CPU time and peak RSS, measured
// from outside by GNU time (/usr/bin/time; 10 ms resolution), or where that is missing by the child
// itself (process.resourceUsage() at exit through a preloaded one-liner). The anchor is
// `omrl qf --help`: Node's start-up plus the CLI shell and the qf command's options, the floor
// under every run (the CLI loads only the command that runs).
// Budgets (issue 7): standard ≤ 0.3 s, pairwise ≤ 0.45 s, COCM ≤ 1.5 s, peak memory ≤ 200 MB.
// OMRL_CLI: the CLI to measure (default dist/cli.js; a copy of dist/ keeps a rebuild from racing
// the run). OMRL_BENCH_ANCHOR_CLI: another build of the CLI (an older commit's, built in a git
// worktree) as the anchor instead of `qf --help`: the same qf run on both, alternately, in the
// same process, so old and new are compared side by side (ratio = this build / that one).
// OMRL_BENCH_ITERATIONS: runs per algorithm (default 7); OMRL_BENCH_QF_ALGORITHMS: which ones
// (comma-separated; default standard,pairwise,cocm).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const cli = process.env.OMRL_CLI ?? join(root, "dist/cli.js");
const anchorCli = process.env.OMRL_BENCH_ANCHOR_CLI;
const gr9 = resolve(root, "../shared/data/qf/gitcoin/gr9_contributions.csv");
const BUDGET_MS = { standard: 300, pairwise: 450, cocm: 1500 };
const BUDGET_RSS_MB = 200;
// printed on stderr by the child when it exits: its own peak RSS (KiB) and CPU time (µs)
const PROBE =
  "data:text/javascript,process.on('exit',()=>{const r=process.resourceUsage();" +
  "process.stderr.write('\\nQF_BENCH '+JSON.stringify({maxRSS:r.maxRSS,cpu:r.userCPUTime+r.systemCPUTime})+'\\n')})";

// GNU time measures the process from outside (wall, CPU, peak RSS) without loading anything into
// it; where it is missing, a preloaded probe reports CPU and RSS (it adds its own start-up cost).
const GNU_TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

function runCli(args, program = cli) {
  const t0 = performance.now();
  const child = GNU_TIME
    ? spawnSync(GNU_TIME, ["-f", "QF_TIME %e %U %S %M", process.execPath, program, ...args], { encoding: "utf8" })
    : spawnSync(process.execPath, ["--import", PROBE, program, ...args], { encoding: "utf8" });
  const ms = performance.now() - t0;
  if (child.status !== 0) throw new Error(`omrl ${args.join(" ")} exited ${child.status}: ${child.stderr}`);
  if (GNU_TIME) {
    const [wall, user, sys, rssKiB] = /QF_TIME (\S+) (\S+) (\S+) (\d+)/.exec(child.stderr).slice(1).map(Number);
    return { ms: wall * 1000, rssMB: +(rssKiB / 1024).toFixed(1), cpuMs: +((user + sys) * 1000).toFixed(1) };
  }
  const probe = JSON.parse(/QF_BENCH (.*)/.exec(child.stderr)[1]);
  return { ms, rssMB: +(probe.maxRSS / 1024).toFixed(1), cpuMs: +(probe.cpu / 1000).toFixed(1) };
}

const qfArgs = (dir, algorithm, extension) => [
  "qf", "--contributions", gr9, "--where", "success=True", "--skip-negative", "--round-amounts",
  "--pool", "50000", "--token-decimals", "6", "--cap", "10%", "--algorithm", algorithm,
  "--format", "json", "--output", join(dir, `${algorithm}.${extension}`),
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function benchCase(algorithm) {
  return {
    name: `qf-gr9-${algorithm}`,
    description: `omrl qf --algorithm ${algorithm} on GR9, whole process`,
    iterations: Number(process.env.OMRL_BENCH_ITERATIONS ?? 7),
    setup() {
      if (!existsSync(gr9)) throw new Error(`${gr9} is absent: this benchmark needs ../shared/data/qf`);
      const dir = mkdtempSync(join(tmpdir(), "omrl-qf-bench-"));
      return { dir };
    },
    run({ dir }) {
      return runCli(qfArgs(dir, algorithm, "json"));
    },
    anchor: anchorCli
      ? {
          name: `the same qf run on ${anchorCli}`,
          run(ctx) {
            const r = runCli(qfArgs(ctx.dir, algorithm, "anchor.json"), anchorCli);
            // both builds must give the same matching
            const read = (name) => readFileSync(join(ctx.dir, `${algorithm}.${name}`), "utf8");
            ctx.same = (ctx.same ?? true) && read("json") === read("anchor.json");
            return r;
          },
        }
      : { name: "omrl qf --help (start-up floor)", run: () => runCli(["qf", "--help"]) },
    summarize(result, ctx) {
      const rss = Math.max(...result.runs.map((r) => r.rssMB));
      const cpu = median(result.runs.map((r) => r.cpuMs));
      if (anchorCli) {
        return {
          "median wall": `${result.medianMs} ms, anchor build ${result.anchorMedianMs} ms (ratio ${result.ratio})`,
          "median CPU": `${cpu} ms, anchor build ${median(result.anchorRuns.map((r) => r.cpuMs))} ms`,
          "peak RSS": `${rss} MB, anchor build ${Math.max(...result.anchorRuns.map((r) => r.rssMB))} MB`,
          "same output": ctx.same,
        };
      }
      const startup = median(result.anchorRuns.map((r) => r.ms));
      return {
        "peak RSS": `${rss} MB (budget ${BUDGET_RSS_MB} MB: ${rss <= BUDGET_RSS_MB ? "met" : "MISSED"})`,
        "median wall": `${result.medianMs} ms (budget ${BUDGET_MS[algorithm]} ms: ${result.medianMs <= BUDGET_MS[algorithm] ? "met" : "MISSED"})`,
        "median CPU": `${cpu} ms`,
        "start-up floor (qf --help)": `${startup} ms wall, ${median(result.anchorRuns.map((r) => r.cpuMs))} ms CPU`,
        "qf work over the floor": `${(result.medianMs - startup).toFixed(1)} ms`,
      };
    },
    teardown({ dir }) {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export default (process.env.OMRL_BENCH_QF_ALGORITHMS ?? "standard,pairwise,cocm").split(",").map(benchCase);
