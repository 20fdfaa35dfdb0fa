// `omrl owed` on a generated 1,000,000-line revenue report (per-transaction lines over 24 months)
// → a hashed statement, run as the real CLI process (`node dist/cli.js owed …`), against DuckDB
// (@duckdb/node-api) doing the same aggregation (exact DECIMAL SUM of gross and refunds, MAX of
// MAU, per month) in a child process too. Both are timed and their peak RSS read with
// /usr/bin/time; the case also checks that both give the same per-quarter gross.
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { getAddress } from "viem";

const LINES = 1_000_000;
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const root = fileURLToPath(new URL("../../", import.meta.url));
const dir = join(root, ".bench-tmp", "owed-1m");
// OMRL_CLI: another build of the CLI (e.g. a copy of dist/, so a rebuild cannot race the run)
const cli = process.env.OMRL_CLI ?? join(root, "dist", "cli.js");
// OMRL_BENCH_ANCHOR_CLI: another build of the CLI as the anchor instead of DuckDB (the same owed
// run on both, alternately), to compare two versions of the CSV path side by side
const anchorCli = process.env.OMRL_BENCH_ANCHOR_CLI;
const address = (n) => getAddress(`0x${n.toString(16).padStart(40, "0")}`);

/** Runs a command under /usr/bin/time; resolves wall ms (measured here) and peak RSS in MB. */
function timed(args, options = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn("/usr/bin/time", ["-f", "RSS_KB=%M CPU_S=%U+%S", ...args], { cwd: dir, ...options });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = performance.now() - t0;
      const rss = /RSS_KB=(\d+)/.exec(stderr);
      const cpu = /CPU_S=([\d.]+)\+([\d.]+)/.exec(stderr);
      if (code !== 0) return reject(new Error(`${args.join(" ")} exited ${code}: ${stderr}`));
      resolve({ ms, rssMB: rss ? Math.round(Number(rss[1]) / 1024) : undefined, cpuMs: cpu ? Math.round((Number(cpu[1]) + Number(cpu[2])) * 1000) : undefined, stdout });
    });
  });
}

async function generate(path) {
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  const write = (s) => (out.write(s) ? undefined : new Promise((r) => out.once("drain", r)));
  await write("period,currency,gross,refunds,mau\n");
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed);
  let chunk = "";
  for (let i = 0; i < LINES; i++) {
    const month = i % 24; // 2025-01 … 2026-12
    const year = 2025 + Math.floor(month / 12);
    const m = String((month % 12) + 1).padStart(2, "0");
    const day = String((rand() % 28) + 1).padStart(2, "0");
    const cents = rand() % 100_000;
    const gross = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
    const refunds = i % 17 === 0 ? `${Math.floor(cents / 400)}.${String(cents % 100).padStart(2, "0")}` : "";
    const mau = i % 1000 === 0 ? String(50_000 + (rand() % 10_000)) : "";
    chunk += `${year}-${m}-${day},USD,${gross},${refunds},${mau}\n`;
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = "";
    }
  }
  await write(chunk);
  await new Promise((r) => out.end(r));
}

const owedArgs = (out) => ["owed", "--revenue", "revenue.csv", "--rate", "USD/USDC=1.0001", "--format", "json", "--out", out];

const DUCKDB_SCRIPT = `
import { DuckDBInstance } from "@duckdb/node-api";
const instance = await DuckDBInstance.create(":memory:");
const connection = await instance.connect();
const reader = await connection.runAndReadAll(\`
  SELECT substr(period, 1, 7) AS month,
         CAST(SUM(gross) AS VARCHAR) AS gross,
         CAST(COALESCE(SUM(refunds), 0) AS VARCHAR) AS refunds,
         MAX(mau) AS mau,
         COUNT(*) AS lines
  FROM read_csv('revenue.csv', header = true,
    columns = { 'period': 'VARCHAR', 'currency': 'VARCHAR', 'gross': 'DECIMAL(18,2)', 'refunds': 'DECIMAL(18,2)', 'mau': 'BIGINT' })
  GROUP BY month ORDER BY month\`);
process.stdout.write(JSON.stringify(reader.getRowObjectsJson()));
`;

export default {
  name: "owed-1m",
  description: "omrl owed on a 1,000,000-line CSV revenue report vs DuckDB SUM(DECIMAL) per period",
  iterations: Number(process.env.OMRL_BENCH_ITERATIONS ?? 5), // OMRL_BENCH_ITERATIONS: runs (default 5)
  async setup() {
    await mkdir(join(dir, "model"), { recursive: true });
    const csv = join(dir, "revenue.csv");
    await generate(csv);
    const terms = {
      omrl: "1.0",
      model: { name: "tiny", repo: "acme/tiny-1b" },
      licensor: { name: "Acme Labs", account: `eip155:8453:${address(1)}` },
      revenueShare: { rate: "5%", basis: "net", period: "quarter", currency: "USD", dueDays: 30, tiers: [{ upTo: "1000000", rate: "5%" }, { rate: "3%" }] },
      payment: {
        chain: "eip155:8453",
        token: { id: `eip155:8453/erc20:${getAddress("0x833589fcd6edb6e08f4c7c32d4f71b54bda02913")}`, symbol: "USDC", decimals: 6 },
        payees: [{ account: address(2), share: "70%" }, { account: address(3), share: "30%" }],
      },
      derivatives: { allowed: true, reciprocal: true, stacking: "absolute" },
    };
    await writeFile(join(dir, "model", "omrl.json"), JSON.stringify(terms));
    await writeFile(
      join(dir, "omrl.app.json"),
      JSON.stringify({ omrlApp: "1.0", licensee: { name: "Acme Apps", account: `eip155:8453:${address(9)}` }, models: [{ id: "tiny", source: "./model", use: "hosted-inference" }] }),
    );
    // DuckDB runs from the project root so that it resolves @duckdb/node-api.
    await writeFile(join(dir, "duckdb.mjs"), DUCKDB_SCRIPT.replace('"@duckdb/node-api"', JSON.stringify(join(root, "node_modules/@duckdb/node-api/lib/index.js"))));
    return { csvBytes: (await readFile(csv)).length, peak: { ours: 0, duckdb: 0 }, cpu: { ours: [], duckdb: [] } };
  },
  async run(ctx) {
    const r = await timed([process.execPath, cli, ...owedArgs("statement.json")]);
    ctx.peak.ours = Math.max(ctx.peak.ours, r.rssMB ?? 0);
    ctx.cpu.ours.push(r.cpuMs);
    ctx.statement = JSON.parse(r.stdout);
    ctx.statementText = r.stdout;
    return { rssMB: r.rssMB, cpuMs: r.cpuMs };
  },
  anchor: {
    name: anchorCli ? `the same omrl owed on ${anchorCli}` : "DuckDB SUM(DECIMAL) per month (child process)",
    async run(ctx) {
      if (anchorCli) {
        const r = await timed([process.execPath, anchorCli, ...owedArgs("statement.anchor.json")]);
        ctx.peak.duckdb = Math.max(ctx.peak.duckdb, r.rssMB ?? 0);
        ctx.cpu.duckdb.push(r.cpuMs);
        ctx.sameStatement = (ctx.sameStatement ?? true) && r.stdout === ctx.statementText;
        return { rssMB: r.rssMB, cpuMs: r.cpuMs };
      }
      const r = await timed([process.execPath, "duckdb.mjs"]);
      ctx.peak.duckdb = Math.max(ctx.peak.duckdb, r.rssMB ?? 0);
      ctx.cpu.duckdb.push(r.cpuMs);
      ctx.duck = JSON.parse(r.stdout);
      return { rssMB: r.rssMB, cpuMs: r.cpuMs };
    },
  },
  summarize(result, ctx) {
    if (anchorCli)
      return {
        "median CPU (user+sys) this build (ms)": median(ctx.cpu.ours),
        "median CPU (user+sys) anchor build (ms)": median(ctx.cpu.duckdb),
        "peak RSS this build (MB)": ctx.peak.ours,
        "peak RSS anchor build (MB)": ctx.peak.duckdb,
        "same statement": ctx.sameStatement,
      };
    // Same per-quarter gross from both (cents as bigint).
    const cents = (s) => BigInt(s.includes(".") ? s.replace(".", "").padEnd(s.indexOf(".") + 3, "0") : `${s}00`);
    const quarter = (month) => `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
    const duckGross = {};
    for (const row of ctx.duck) duckGross[quarter(row.month)] = (duckGross[quarter(row.month)] ?? 0n) + cents(row.gross);
    const oursGross = {};
    for (const o of ctx.statement.obligations) {
      const revenue = o.trace.filter((t) => t.step === "revenue").map((t) => /gross ([\d.]+)/.exec(t.detail)[1]);
      oursGross[o.period] = revenue.reduce((a, g) => a + cents(g), 0n);
    }
    const agree = Object.keys(duckGross).every((q) => duckGross[q] === oursGross[q]) && Object.keys(oursGross).length === Object.keys(duckGross).length;
    return {
      lines: LINES,
      csvMB: +(ctx.csvBytes / 1024 / 1024).toFixed(1),
      "median CPU (user+sys) omrl owed (ms)": median(ctx.cpu.ours),
      "median CPU (user+sys) DuckDB (ms)": median(ctx.cpu.duckdb),
      "peak RSS omrl owed (MB)": ctx.peak.ours,
      "peak RSS DuckDB (MB)": ctx.peak.duckdb,
      "same gross per quarter": agree,
      obligations: ctx.statement.obligations.length,
    };
  },
  async teardown() {
    await rm(dir, { recursive: true, force: true });
  },
};
