// What a BOM costs on top of the check: `omrl check --format cyclonedx` (and `--format spdx3`)
// against `omrl check --format text` for a generated app of 20 models — 10 local OMRL releases and
// 10 Hub models (mapped to local stand-ins through the manifest's `sources`, pinned to a commit)
// that each fine-tune one shared upstream model — run as the real CLI process (`node dist/cli.js`),
// alternately, so both pay the same start-up and resolution. The budget: the BOM run's median is at
// most 50 ms above the check's. The case also checks the BOM lists every model and the ancestor.
// On a shared machine wall time is mostly waiting for a core, so each child also reports its CPU
// time (bench/cpu-report.cjs, µs) and the CPU time of rendering the report alone
// (OMRL_BENCH_RENDER_CPU=1); the summary gives medians, medians of the paired (alternating)
// differences, and the render-only difference, which the check's own noise does not reach.
// OMRL_BENCH_RUNS: runs of each (default 9); OMRL_BENCH_BOM_FORMATS: cyclonedx,spdx3 (default both).
import { spawn } from "node:child_process";
import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const MODELS = 20;
const root = fileURLToPath(new URL("../../", import.meta.url));
const example = join(root, "examples", "app-ci");
const dir = join(root, ".bench-tmp", "bom-20");
// OMRL_BENCH_CLI: a built CLI elsewhere (e.g. a snapshot of dist/ while others rebuild the tree)
const cli = process.env.OMRL_BENCH_CLI ?? join(root, "dist", "cli.js");
const cpuReport = join(root, "bench", "cpu-report.cjs");
const iterations = Number(process.env.OMRL_BENCH_RUNS ?? 9);

function run(args) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    // the child reports its own CPU time as it exits (bench/cpu-report.cjs, getrusage in µs): on a
    // shared, loaded machine wall time is mostly waiting for a core, CPU time is the work
    const child = spawn(process.execPath, ["-r", cpuReport, cli, ...args], { cwd: dir, env: { ...process.env, HF_HUB_OFFLINE: "1", NO_COLOR: "1", OMRL_BENCH_RENDER_CPU: "1" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => {
      // exit 1 is a finding (the generated models' terms are unsigned); anything else, or no report, is a failure
      if ((code !== 0 && code !== 1) || stdout === "") return reject(new Error(`omrl ${args.join(" ")} exited ${code}: ${stderr}`));
      const cpu = /OMRL_CPU_US=(\d+)/.exec(stderr);
      if (!cpu) return reject(new Error(`omrl ${args.join(" ")}: no CPU report from ${cpuReport}`));
      // and the CPU time of rendering the report alone (omrl check's OMRL_BENCH_RENDER_CPU=1): the
      // BOM's own work without the check's noise
      const render = /OMRL_RENDER_CPU_US=(\d+)/.exec(stderr);
      resolve({ ms: performance.now() - t0, cpuMs: Number(cpu[1]) / 1000, renderCpuMs: render ? Number(render[1]) / 1000 : undefined, stdout, bytes: stdout.length });
    });
  });
}

async function setup() {
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, "models"), { recursive: true });
  const models = [];
  const sources = { "meta-llama/Llama-3.2-1B": "./vendor/meta-llama-3.2-1b" };
  await cp(join(example, "vendor", "meta-llama-3.2-1b"), join(dir, "vendor", "meta-llama-3.2-1b"), { recursive: true });
  for (let i = 0; i < MODELS; i++) {
    const hub = i % 2 === 1;
    const from = hub ? join(example, "vendor", "acme-llama-3.2-1b-chat") : join(example, "models", "acme-tiny-1b");
    const folder = hub ? `vendor/chat-${i}` : `models/tiny-${i}`;
    await cp(from, join(dir, folder), { recursive: true });
    // a distinct model per folder: its own name and repo (the signature no longer matches: a finding, not a failure)
    const terms = JSON.parse(await readFile(join(dir, folder, "omrl.json"), "utf8"));
    terms.model.name = `${terms.model.name}-${i}`;
    terms.model.repo = `acme/${hub ? "chat" : "tiny"}-${i}`;
    delete terms.signature;
    await writeFile(join(dir, folder, "omrl.json"), JSON.stringify(terms, null, 2));
    const revision = (0x1000 + i).toString(16).padStart(40, "0");
    if (hub) {
      const spec = `hf:acme/chat-${i}@${revision}`;
      sources[spec] = `./${folder}`;
      models.push({ source: spec, use: "hosted-inference", attribution: { weight: "0.05" } });
    } else models.push({ id: `acme/tiny-${i}`, source: `./${folder}`, use: "embedded", attribution: { weight: "0.05" } });
  }
  const manifest = JSON.parse(await readFile(join(example, "omrl.app.json"), "utf8"));
  delete manifest.$schema;
  manifest.models = models;
  manifest.sources = sources;
  delete manifest.policy.maxTotalRevenueShare;
  await writeFile(join(dir, "omrl.app.json"), JSON.stringify(manifest, null, 2));
  await run(["check"]); // writes omrl.lock.json once
  return {};
}

function bomCase(format) {
  return {
    name: `bom-20-${format}`,
    description: `omrl check --frozen --format ${format} vs --format text, app of ${MODELS} models`,
    iterations,
    setup,
    run: async () => {
      const r = await run(["check", "--frozen", "--format", format]);
      return { bytes: r.bytes, cpuMs: r.cpuMs, renderCpuMs: r.renderCpuMs, stdout: r.stdout };
    },
    anchor: { name: "omrl check --frozen (text)", run: () => run(["check", "--frozen", "--format", "text"]).then((r) => ({ cpuMs: r.cpuMs, renderCpuMs: r.renderCpuMs })) },
    summarize(result) {
      const out = result.runs.at(-1).stdout;
      const doc = JSON.parse(out);
      const count = format === "cyclonedx" ? doc.components.filter((c) => c.type === "machine-learning-model").length : doc["@graph"].filter((n) => n.type === "ai_AIPackage").length;
      if (count !== MODELS + 1) throw new Error(`the BOM lists ${count} models, expected ${MODELS} and their ancestor`);
      for (const r of result.runs) delete r.stdout;
      const delta = +(result.medianMs - result.anchorMedianMs).toFixed(1);
      const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
      const cpu = median(result.runs.map((r) => r.cpuMs));
      const anchorCpu = median(result.anchorRuns.map((r) => r.cpuMs));
      const cpuDelta = +(cpu - anchorCpu).toFixed(1);
      // runs alternate, so each BOM run has a check run beside it: the median of those pairs' differences
      const pairedCpuDelta = +median(result.runs.map((r, i) => r.cpuMs - result.anchorRuns[i].cpuMs)).toFixed(1);
      const pairedWallDelta = +median(result.runs.map((r, i) => r.ms - result.anchorRuns[i].ms)).toFixed(1);
      const renderCpu = median(result.runs.map((r) => r.renderCpuMs ?? NaN));
      const anchorRenderCpu = median(result.anchorRuns.map((r) => r.renderCpuMs ?? NaN));
      return {
        models: `${MODELS} + 1 ancestor`,
        bomBytes: result.runs.at(-1).bytes,
        wallDeltaMs: delta,
        cpuMs: cpu,
        anchorCpuMs: anchorCpu,
        cpuDeltaMs: cpuDelta,
        pairedCpuDeltaMs: pairedCpuDelta,
        pairedWallDeltaMs: pairedWallDelta,
        // rendering only: the BOM vs the text report (NaN from a CLI without OMRL_BENCH_RENDER_CPU)
        renderCpuMs: +renderCpu.toFixed(1),
        anchorRenderCpuMs: +anchorRenderCpu.toFixed(1),
        renderCpuDeltaMs: +(renderCpu - anchorRenderCpu).toFixed(1),
        budget: `≤ 50 ms over check: render CPU Δ ${(renderCpu - anchorRenderCpu).toFixed(1)} ms ${renderCpu - anchorRenderCpu <= 50 ? "met" : "missed"}; paired CPU Δ ${pairedCpuDelta} ms ${pairedCpuDelta <= 50 ? "met" : "missed"}; paired wall Δ ${pairedWallDelta} ms ${pairedWallDelta <= 50 ? "met" : "missed"} (whole-process figures carry the check's noise on a shared machine)`,
      };
    },
    teardown: () => rm(dir, { recursive: true, force: true }),
  };
}

export default (process.env.OMRL_BENCH_BOM_FORMATS ?? "cyclonedx,spdx3").split(",").map((format) => bomCase(format.trim()));
