import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatLineageMermaid, formatTokenAmount, mermaidLabel, type LineageGraph } from "../../src/index.js";
import { runOmrl } from "../helpers/cli.js";
import { chromiumMissing, startMermaidParser, type MermaidParser } from "./helpers/mermaid-parser.js";

/*
 * The pictures parse with mermaid's own parser (the installed `mermaid` package, run in the Debian
 * Chromium: see helpers/mermaid-parser.ts for why not under Node), and say what they should.
 */

const examples = fileURLToPath(new URL("../../examples/", import.meta.url));
let dir: string;
let parser: MermaidParser;

beforeAll(async () => {
  if (chromiumMissing) throw new Error(chromiumMissing);
  dir = await mkdtemp(join(tmpdir(), "omrl-mermaid-"));
  await cp(join(examples, "app-ci"), join(dir, "app"), { recursive: true, filter: (src) => !src.endsWith(".test.ts") });
  parser = await startMermaidParser();
});
afterAll(async () => {
  await parser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const fenced = (markdown: string) => [...markdown.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]!);

async function expectParses(text: string) {
  expect(await parser.parse(text)).toEqual({ ok: true, diagramType: "flowchart-v2" });
}

describe("mermaid parses what omrl draws", () => {
  it("the parser rejects broken text (so a pass means something)", async () => {
    expect((await parser.parse('flowchart TD\n  a["x" -->'))).toMatchObject({ ok: false });
  });

  it("omrl lineage --manifest --format mermaid: app → models → bases, with the app's use on each edge", async () => {
    const result = await runOmrl(["lineage", "--manifest", "omrl.app.json", "--format", "mermaid"], { cwd: join(dir, "app"), env: { HF_HUB_OFFLINE: "1" } });
    expect([result.code, result.stderr]).toEqual([0, ""]);
    await expectParses(result.stdout);
    expect(result.stdout).toContain('app(["Acme Apps"])');
    expect(result.stdout).toMatch(/app -->\|"hosted-inference"\| (n\d+)/);
    expect(result.stdout).toMatch(/n\d+\["acme\/Llama-3\.2-1B-Chat-OMRL<br\/>other \(omrl-1\.0\)"\]/);
    expect(result.stdout).toMatch(/n\d+ -->\|"finetune"\| n\d+/);
  });

  it("omrl lineage of a local release (its omrl.json): bases unreadable offline are drawn as unverifiable, exit 1", async () => {
    const result = await runOmrl(["lineage", "vendor/acme-llama-3.2-1b-chat/omrl.json", "--format", "mermaid"], {
      cwd: join(dir, "app"),
      env: { HF_HUB_OFFLINE: "1", OMRL_CACHE_DIR: join(dir, "empty-cache") },
    });
    expect(result.code).toBe(1);
    await expectParses(result.stdout);
    expect(result.stdout).toMatch(/(n\d+)\["meta-llama\/Llama-3\.2-1B<br\/>unverifiable: offline"\]/);
    expect(result.stdout).toMatch(/class n1 unverifiable/);
  });

  it("omrl lineage takes a release folder (text, JSON) and refuses neither-or-both inputs (exit 2)", async () => {
    const env = { HF_HUB_OFFLINE: "1", OMRL_CACHE_DIR: join(dir, "empty-cache") };
    const text = await runOmrl(["lineage", "models/acme-tiny-1b"], { cwd: join(dir, "app"), env });
    expect([text.code, text.stdout.split("\n")[0]]).toEqual([0, "acme/tiny-1b  license: other (omrl-1.0)"]);
    const json = await runOmrl(["lineage", "vendor/acme-llama-3.2-1b-chat", "--format", "json"], { cwd: join(dir, "app"), env });
    const graph = JSON.parse(json.stdout) as LineageGraph;
    expect([graph.root, graph.edges.map((e) => [e.from, e.to, e.relation])]).toEqual(["acme/Llama-3.2-1B-Chat-OMRL", [["acme/Llama-3.2-1B-Chat-OMRL", "meta-llama/Llama-3.2-1B", "finetune"]]]);
    const neither = await runOmrl(["lineage"], { cwd: join(dir, "app"), env });
    const both = await runOmrl(["lineage", "models/acme-tiny-1b", "--manifest", "omrl.app.json"], { cwd: join(dir, "app"), env });
    const missing = await runOmrl(["lineage", "no/such/folder"], { cwd: join(dir, "app"), env });
    for (const r of [neither, both, missing]) expect(r.code).toBe(2);
    expect(missing.stderr).toContain("no/such/folder: no such file or folder");
  });

  it("labels with quotes, brackets, pipes and HTML survive; cycles and inferred relations parse", async () => {
    const graph: LineageGraph = {
      root: "a/leaf",
      nodes: [
        { id: "a/leaf", repo: "a/leaf", depth: 0, license: 'other "quoted" <b>|x|</b> #1', baseModels: ["b/base"], warnings: [] },
        { id: "b/base", repo: "b/base", depth: 1, relation: "adapter", relationInferred: true, baseModels: ["a/leaf", "c/far"], warnings: [] },
        { id: "c/far", repo: "c/far", depth: 2, relation: "merge", truncated: true, baseModels: [], warnings: [] },
      ],
      edges: [
        { from: "a/leaf", to: "b/base", relation: "adapter", inferred: true },
        { from: "b/base", to: "a/leaf", relation: "finetune", inferred: false, cycle: true },
        { from: "b/base", to: "c/far", relation: "merge", inferred: false },
      ],
      cycles: [["a/leaf", "b/base", "a/leaf"]],
      maxDepth: 1,
      complete: false,
    };
    const text = formatLineageMermaid(graph);
    await expectParses(text);
    expect(text).toContain('|"adapter?"|');
    expect(text).toContain('n1 -.->|"finetune (cycle)"| n0');
    expect(text).toContain(mermaidLabel('other "quoted" <b>|x|</b> #1'));
    expect(mermaidLabel('"<|>#')).toBe("#quot;#lt;#124;#gt;#35;");
  });

  it("omrl check --format markdown embeds the lineage picture", async () => {
    const result = await runOmrl(["check", "--frozen", "--format", "markdown"], { cwd: join(dir, "app"), env: { HF_HUB_OFFLINE: "1" } });
    expect(result.code).toBe(0);
    const pictures = fenced(result.stdout);
    expect(pictures).toHaveLength(1);
    await expectParses(pictures[0]!);
    expect(pictures[0]).toContain("meta-llama/Llama-3.2-1B@4e20de3<br/>LicenseRef-Llama-3.2-Community");
  });

  it("omrl owed --format mermaid: app → models → upstream → payees with the statement's exact amounts", async () => {
    const app = join(dir, "app");
    const args = ["owed", "--revenue", "revenue-2026-Q3.csv", "--rate", "USD/USDC=1"];
    const json = await runOmrl([...args, "--format", "json"], { cwd: app });
    expect(json.code, json.stderr).toBe(0);
    const statement = JSON.parse(json.stdout) as { currency: string; obligations: { id: string; via: string | null; owed: string; amount: string; token: { symbol: string; decimals: number }; payees: { account: string; amount: string }[] }[] };
    const result = await runOmrl([...args, "--format", "mermaid"], { cwd: app });
    expect(result.code).toBe(0);
    await expectParses(result.stdout);
    const text = result.stdout;
    expect(text).toMatch(/^flowchart LR\n {2}app\(\["Acme Apps · /);
    // every payee appears once, with an edge carrying an amount in tokens
    const accounts = new Set(statement.obligations.flatMap((o) => o.payees.filter((p) => p.amount !== "0").map((p) => p.account)));
    for (const account of accounts) expect(text).toContain(`[/"${account.slice(0, 6)}…${account.slice(-4)}"/]`);
    // a single-period statement: each leaf's edge states its owed amount exactly
    for (const o of statement.obligations.filter((x) => x.via === null)) {
      const tokens = formatTokenAmount(BigInt(o.amount), o.token.decimals);
      expect(text).toContain(`owes ${o.owed} ${statement.currency} = ${tokens} ${o.token.symbol}`);
    }
    if (statement.obligations.some((o) => o.via !== null)) expect(text).toMatch(/-\.->\|"stacked: /);
    // the Markdown statement embeds the same picture
    const md = await runOmrl([...args, "--format", "markdown"], { cwd: app });
    expect(fenced(md.stdout)).toEqual([text]);
  });
});
