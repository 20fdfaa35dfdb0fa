import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createHubSourceOpener,
  createMemoryHubCache,
  formatLineageText,
  inferBaseModelRelation,
  readCardLineageFields,
  resolveLineage,
  type LineageGraph,
} from "../../src/index.js";
import { startHubServer, type HubServer } from "../helpers/hub-server/index.js";
import { allRepos, SHA } from "./fixture-repos.js";

let hub: HubServer;
beforeAll(async () => {
  hub = await startHubServer({ repos: allRepos });
});
afterAll(async () => hub.close());
beforeEach(() => hub.resetStats());

const opener = (extra: Parameters<typeof createHubSourceOpener>[0] = {}) =>
  createHubSourceOpener({ hubUrl: hub.url, retry: { baseDelayMs: 1, maxDelayMs: 5 }, ...extra });
const node = (graph: LineageGraph, id: string) => graph.nodes.find((n) => n.id === id)!;

describe("readCardLineageFields and inferBaseModelRelation", () => {
  it("reads base_model as a string or a list, and survives bad YAML", () => {
    expect(readCardLineageFields("---\nbase_model: a/b\nlicense: mit\n---\n").baseModels).toEqual(["a/b"]);
    expect(readCardLineageFields("---\nbase_model:\n  - a/b\n  - c/d\nbase_model_relation: merge\n---\n")).toMatchObject({
      baseModels: ["a/b", "c/d"],
      baseModelRelation: "merge",
    });
    expect(readCardLineageFields("# no front matter").baseModels).toEqual([]);
    expect(readCardLineageFields("---\nbase_model: [a/b\n---\n").warnings[0]).toMatch(/not valid YAML/);
  });
  it("infers like the Hub: adapter, then merge, then quantized, else finetune", () => {
    expect(inferBaseModelRelation({ paths: ["adapter_config.json", "x.gguf"], baseModelCount: 2 })).toBe("adapter");
    expect(inferBaseModelRelation({ paths: ["model.safetensors"], baseModelCount: 2 })).toBe("merge");
    expect(inferBaseModelRelation({ paths: ["m-Q4_K_M.gguf"], baseModelCount: 1 })).toBe("quantized");
    expect(inferBaseModelRelation({ paths: ["model.safetensors"], baseModelCount: 1 })).toBe("finetune");
  });
});

describe("resolveLineage against the Hub-compatible server", () => {
  it("walks quant → leaf → mid → base across repos, via GGUF metadata where the card is silent", async () => {
    const graph = await resolveLineage("hf:acme/quant", { openSource: opener() });
    expect(graph.nodes.map((n) => n.id)).toEqual(["acme/quant", "acme/leaf", "acme/mid", "acme/base"]);
    expect(graph.edges).toEqual([
      { from: "acme/quant", to: "acme/leaf", relation: "quantized", inferred: true },
      { from: "acme/leaf", to: "acme/mid", relation: "adapter", inferred: true },
      { from: "acme/mid", to: "acme/base", relation: "finetune", inferred: true },
    ]);
    expect(node(graph, "acme/quant").baseModelsFrom).toBe("gguf");
    expect(node(graph, "acme/leaf")).toMatchObject({ commit: SHA.leaf, license: "other", licenseName: "omrl-1.0", relation: "quantized", depth: 1 });
    expect(node(graph, "acme/base")).toMatchObject({ license: "apache-2.0", depth: 3 });
    expect(graph.complete).toBe(true);
    // the 4 GB GGUF was read by ranges, never downloaded
    expect(hub.stats.bytes).toBeLessThan(3_000_000);
    const text = formatLineageText(graph);
    expect(text).toContain("└── quantized? → acme/leaf@");
    expect(text).toContain("        └── finetune? → acme/base@");
  });

  it("detects a cycle and terminates", async () => {
    const graph = await resolveLineage("hf:acme/cycle-a", { openSource: opener() });
    expect(graph.nodes.map((n) => n.id)).toEqual(["acme/cycle-a", "acme/cycle-b"]);
    expect(graph.cycles).toEqual([["acme/cycle-a", "acme/cycle-b", "acme/cycle-a"]]);
    expect(graph.edges.find((e) => e.from === "acme/cycle-b")).toMatchObject({ to: "acme/cycle-a", cycle: true });
    expect(formatLineageText(graph)).toContain("↺ cycle");
  });

  it("stops at the depth limit and marks what it did not follow", async () => {
    const full = await resolveLineage("hf:chain/c11", { openSource: opener() });
    expect(full.nodes.filter((n) => !n.truncated)).toHaveLength(9); // depth 0…8
    expect(full.nodes.find((n) => n.truncated)).toMatchObject({ id: "chain/c2", depth: 9 });
    expect(full.complete).toBe(false);
    expect(hub.stats.byRoute.info.requests).toBe(9);
    const short = await resolveLineage("hf:chain/c11", { openSource: opener(), maxDepth: 2 });
    expect(short.nodes.map((n) => [n.id, !!n.truncated])).toEqual([
      ["chain/c11", false],
      ["chain/c10", false],
      ["chain/c9", false],
      ["chain/c8", true],
    ]);
    await expect(resolveLineage("hf:chain/c11", { openSource: opener(), maxDepth: -1 })).rejects.toThrow(/depth/);
  });

  it("makes a gated or missing ancestor a node with an error, states a merge", async () => {
    const graph = await resolveLineage("hf:acme/merge", { openSource: opener() });
    expect(graph.edges.map((e) => [e.to, e.relation])).toEqual([
      ["acme/base", "merge"],
      ["acme/gated", "merge"],
      ["acme/nope", "merge"],
    ]);
    expect(node(graph, "acme/gated").error?.reason).toBe("gated");
    expect(node(graph, "acme/nope").error?.reason).toMatch(/unauthorized|missing/);
    expect(node(graph, "acme/base").error).toBeUndefined();
    expect(graph.complete).toBe(false);
    expect(formatLineageText(graph)).toContain("UNVERIFIABLE (gated)");
  });

  it("a second walk with a warm cache and pinned root costs only the ancestors' branch lookups", async () => {
    const cache = createMemoryHubCache();
    await resolveLineage(`hf:acme/leaf@${SHA.leaf}`, { openSource: opener({ cache }) });
    hub.resetStats();
    const again = await resolveLineage(`hf:acme/leaf@${SHA.leaf}`, { openSource: opener({ cache }) });
    expect(again.nodes).toHaveLength(3);
    // the root is pinned: nothing; each ancestor named by repo only: one revision lookup each
    expect(hub.stats.requests).toBe(2);
    expect(hub.stats.byRoute.info.requests).toBe(2);
  });
});
