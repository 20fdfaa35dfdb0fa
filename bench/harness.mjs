// The benchmark harness. A case is a module under bench/cases/ that default-exports
//   { name, description, iterations?, setup?(), run(ctx), anchor?: { name, run(ctx) }, check?(results), teardown?(ctx) }
// `run` and `anchor.run` return nothing or an object of extra figures (bytes, requests, rss…).
// The harness runs case and anchor alternately (so machine noise hits both alike), reports the
// medians, their ratio and the largest peak RSS, and prints one JSON line per case for BENCHMARKS.md.
import { performance } from "node:perf_hooks";

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function timeOnce(fn, ctx) {
  globalThis.gc?.();
  const t0 = performance.now();
  const extra = (await fn(ctx)) ?? {};
  return { ms: performance.now() - t0, ...extra };
}

export async function runCase(benchCase) {
  const iterations = benchCase.iterations ?? 5;
  const ctx = (await benchCase.setup?.()) ?? {};
  const caseRuns = [];
  const anchorRuns = [];
  try {
    for (let i = 0; i < iterations; i++) {
      caseRuns.push(await timeOnce(benchCase.run, ctx));
      if (benchCase.anchor) anchorRuns.push(await timeOnce(benchCase.anchor.run, ctx));
    }
  } finally {
    await benchCase.teardown?.(ctx);
  }
  const result = {
    name: benchCase.name,
    iterations,
    medianMs: +median(caseRuns.map((r) => r.ms)).toFixed(2),
    runs: caseRuns,
  };
  if (benchCase.anchor) {
    result.anchor = benchCase.anchor.name;
    result.anchorMedianMs = +median(anchorRuns.map((r) => r.ms)).toFixed(2);
    result.ratio = +(result.medianMs / result.anchorMedianMs).toFixed(3);
    result.anchorRuns = anchorRuns;
  }
  result.summary = (await benchCase.summarize?.(result, ctx)) ?? undefined;
  return result;
}

export function printResult(result) {
  const lines = [`${result.name}: median ${result.medianMs} ms over ${result.iterations} runs`];
  if (result.anchor) lines.push(`  anchor ${result.anchor}: median ${result.anchorMedianMs} ms; ratio ${result.ratio}`);
  if (result.summary) for (const [k, v] of Object.entries(result.summary)) lines.push(`  ${k}: ${v}`);
  console.log(lines.join("\n"));
  const { runs, anchorRuns, ...compact } = result;
  console.log(`RESULT ${JSON.stringify(compact)}`);
}
