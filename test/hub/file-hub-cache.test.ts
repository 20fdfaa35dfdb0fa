import { mkdtemp, readdir, rm } from "node:fs/promises";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFileHubCache, defaultHubCacheDir, hubOptionsFromEnv, openHubSource } from "../../src/node.js";
import { startHubServer, type HubServer } from "../helpers/hub-server/index.js";
import { llmRepo, SHA } from "./fixture-repos.js";

let hub: HubServer;
let dir: string;
beforeAll(async () => {
  hub = await startHubServer({ repos: [llmRepo], lfsRedirect: false });
  dir = await mkdtemp(join(tmpdir(), "omrl-hub-cache-"));
});
afterAll(async () => {
  await hub.close();
  await rm(dir, { recursive: true, force: true });
});

describe("on-disk Hub cache", () => {
  it("picks OMRL_CACHE_DIR, then XDG_CACHE_HOME, then ~/.cache", () => {
    expect(defaultHubCacheDir({ OMRL_CACHE_DIR: "/c", XDG_CACHE_HOME: "/x" })).toBe(join("/c", "hub"));
    expect(defaultHubCacheDir({ XDG_CACHE_HOME: "/x" })).toBe(join("/x", "omrl", "hub"));
    expect(defaultHubCacheDir({})).toBe(join(homedir(), ".cache", "omrl", "hub"));
    const options = hubOptionsFromEnv({ HF_ENDPOINT: "https://mirror.example", HF_TOKEN: "hf_x", HF_HUB_OFFLINE: "1", OMRL_NO_CACHE: "1" });
    expect(options).toMatchObject({ hubUrl: "https://mirror.example", accessToken: "hf_x", offline: true, cache: undefined });
  });

  it("stores entries under repo@commit, survives a new process-level source, and keeps keys inside its folder", async () => {
    const cache = createFileHubCache({ dir });
    const first = await openHubSource(`hf:acme/llm@${SHA.llmV2}`, { hubUrl: hub.url, cache });
    await first.listFiles();
    await first.readText("tokenizer/tokenizer.json");
    const host = new URL(hub.url).host.replace(":", "%3a");
    expect((await readdir(join(dir, host, "models", "acme", "llm", SHA.llmV2))).sort()).toEqual(["head", "info.json", "tree.json"]);
    hub.resetStats();
    const again = await openHubSource(`hf:acme/llm@${SHA.llmV2}`, { hubUrl: hub.url, cache: createFileHubCache({ dir }) });
    expect(await again.readText("tokenizer/tokenizer.json")).toBe('{"version":"1.0"}');
    expect(hub.stats.requests).toBe(0);
    await cache.set("a/../../escape", new Uint8Array([1]));
    expect(await readdir(dir)).not.toContain("escape");
    expect(await cache.get("a/../../escape")).toEqual(new Uint8Array([1]));
  });
});
