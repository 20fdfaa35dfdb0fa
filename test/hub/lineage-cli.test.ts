import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runOmrl } from "../helpers/cli.js";
import { startHubServer, type HubServer } from "../helpers/hub-server/index.js";
import { allRepos, SHA } from "./fixture-repos.js";

let hub: HubServer;
let cacheDir: string;
const env = () => ({ HF_TOKEN: "", HF_ENDPOINT: "", OMRL_CACHE_DIR: cacheDir, HF_HUB_OFFLINE: "" });

beforeAll(async () => {
  hub = await startHubServer({ repos: allRepos });
  cacheDir = await mkdtemp(join(tmpdir(), "omrl-hub-cli-"));
});
afterAll(async () => {
  await hub.close();
  await rm(cacheDir, { recursive: true, force: true });
});

describe("omrl lineage (built CLI, real server)", () => {
  it("prints the tree and exits 0 when every ancestor was read", async () => {
    const result = await runOmrl(["lineage", "hf:acme/leaf", "--hub-url", hub.url], { env: env() });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`acme/leaf@${SHA.leaf.slice(0, 7)}  license: other (omrl-1.0)`);
    expect(result.stdout).toContain("└── adapter? → acme/mid@");
    expect(result.stdout).toContain("    └── finetune? → acme/base@");
  });

  it("prints JSON, reads HF_ENDPOINT, and a pinned repeat is answered from the on-disk cache", async () => {
    const spec = `hf:acme/base@${SHA.base}`;
    const first = await runOmrl(["lineage", spec, "--format", "json"], { env: { ...env(), HF_ENDPOINT: hub.url } });
    expect(first.code).toBe(0);
    const graph = JSON.parse(first.stdout);
    expect(graph).toMatchObject({ root: "acme/base", complete: true, nodes: [{ id: "acme/base", commit: SHA.base, license: "apache-2.0" }] });
    hub.resetStats();
    const again = await runOmrl(["lineage", spec, "--format", "json", "--hub-url", hub.url], { env: env() });
    expect(JSON.parse(again.stdout)).toEqual(graph);
    expect(hub.stats.requests).toBe(0);
  });

  it("exits 1 when an ancestor is gated or missing, or the depth limit cuts the walk", async () => {
    const merge = await runOmrl(["lineage", "hf:acme/merge", "--hub-url", hub.url], { env: env() });
    expect(merge.code).toBe(1);
    expect(merge.stdout).toContain("UNVERIFIABLE (gated)");
    const deep = await runOmrl(["lineage", "hf:chain/c5", "--hub-url", hub.url, "--depth", "1"], { env: env() });
    expect(deep.code).toBe(1);
    expect(deep.stdout).toContain("past depth 1");
  });

  it("exits 2 on a bad spec, a bad depth, or a root that cannot be read", async () => {
    for (const args of [["lineage", "acme/leaf"], ["lineage", "hf:acme/leaf", "--depth", "x"], ["lineage", "hf:acme/nope", "--hub-url", hub.url]]) {
      const result = await runOmrl([...args, "--hub-url", hub.url], { env: env() });
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).toMatch(/^omrl: /);
    }
  });
});
