import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createMemoryHubCache, openHubSource, parseHubSpec, type OpenHubSourceParameters } from "../../src/index.js";
import { SourceReadError } from "../../src/sources/index.js";
import { startHubServer, type HubServer } from "../helpers/hub-server/index.js";
import { allRepos, GB, OMRL_JSON, SHA } from "./fixture-repos.js";

let hub: HubServer;
const fast: OpenHubSourceParameters = { retry: { baseDelayMs: 1, maxDelayMs: 5 } };

beforeAll(async () => {
  hub = await startHubServer({ repos: allRepos, pageSize: 3 });
});
afterAll(async () => hub.close());
beforeEach(() => {
  hub.clearFaults();
  hub.resetStats();
});

async function readError(p: Promise<unknown>): Promise<SourceReadError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SourceReadError);
  return error as SourceReadError;
}

describe("parseHubSpec", () => {
  it("parses repo and revision, including revisions with slashes", () => {
    expect(parseHubSpec("hf:acme/llm")).toEqual({ repo: "acme/llm", revision: undefined });
    expect(parseHubSpec("hf:acme/llm@v1.0")).toEqual({ repo: "acme/llm", revision: "v1.0" });
    expect(parseHubSpec("hf:acme/llm@refs/pr/1")).toEqual({ repo: "acme/llm", revision: "refs/pr/1" });
  });
  it.each(["acme/llm", "hf:acme/llm/extra", "hf:acme/--x", "hf:a b/c", "hf:acme/llm@", "hf:acme/llm@../x", "hf:/llm"])("rejects %s", (spec) => {
    expect(() => parseHubSpec(spec)).toThrow(/Hub|revision|repo/);
  });
});

describe("openHubSource against a Hub-compatible server", () => {
  it("resolves a branch to its commit and pins every later read to that sha", async () => {
    const source = await openHubSource("hf:acme/llm", { hubUrl: hub.url, ...fast });
    expect(source.revision).toBe(SHA.llmV2);
    expect(source.id).toBe(`hf:acme/llm@${SHA.llmV2}`);
    expect(await source.readText("omrl.json")).toBe(OMRL_JSON);
    const urls = hub.stats.log.map((l) => l.url);
    expect(urls[0]).toMatch(/^\/api\/models\/acme\/llm\/revision\/HEAD\?.*expand=sha/);
    expect(urls.slice(1).every((u) => u.includes(SHA.llmV2))).toBe(true);
  });

  it("resolves tags and refs/pr/N revisions", async () => {
    const tag = await openHubSource("hf:acme/llm@v1.0", { hubUrl: hub.url, ...fast });
    expect(tag.revision).toBe(SHA.llmV1);
    expect(await tag.readText("README.md")).toContain("apache-2.0");
    const pr = await openHubSource("hf:acme/llm@refs/pr/1", { hubUrl: hub.url, ...fast });
    expect(pr.revision).toBe(SHA.llmPr);
    expect(await pr.readText("README.md")).toContain("license: mit");
    expect(hub.stats.log[hub.stats.log.length - 1]!.url).toContain(SHA.llmPr);
  });

  it("lists every file with sizes and LFS sha256s, following Link pagination, without downloading weights", async () => {
    const source = await openHubSource("hf:acme/llm@main", { hubUrl: hub.url, ...fast });
    hub.resetStats();
    const files = await source.listFiles();
    expect(files.map((f) => f.path).sort()).toEqual([
      "LICENSE.md",
      "README.md",
      "config.json",
      "model-00001-of-00002.safetensors",
      "model-00002-of-00002.safetensors",
      "model.safetensors.index.json",
      "omrl.json",
      "tokenizer/tokenizer.json",
    ]);
    const weights = files.find((f) => f.path === "model-00001-of-00002.safetensors")!;
    expect(weights.size).toBe(2.5 * GB);
    expect(weights.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(files.find((f) => f.path === "README.md")!.sha256).toBeUndefined();
    // 8 files + 1 directory entry at 3 per page = 3 pages
    expect(hub.stats.byRoute.tree.requests).toBe(3);
    expect(hub.stats.byRoute.cdn.requests + hub.stats.byRoute.resolve.requests).toBe(0);
    expect(hub.stats.bytes).toBeLessThan(10_000);
    expect(await source.sha256("model-00001-of-00002.safetensors")).toBe(weights.sha256);
    const omrl = await source.sha256("omrl.json");
    expect(omrl).toBe(createHash("sha256").update(OMRL_JSON).digest("hex"));
  });

  it("reads a safetensors header with range requests only, following the CDN redirect", async () => {
    const source = await openHubSource("hf:acme/llm", { hubUrl: hub.url, ...fast });
    await source.listFiles();
    hub.resetStats();
    const prefix = await source.readRange("model-00001-of-00002.safetensors", 0, 8);
    const length = Number(new DataView(prefix.buffer, prefix.byteOffset, 8).getBigUint64(0, true));
    const header = JSON.parse(new TextDecoder().decode(await source.readRange("model-00001-of-00002.safetensors", 8, 8 + length)));
    expect(header.__metadata__).toEqual({ omrl_terms_core_hash: "0xabc" });
    // one read of the file's head served both ranges: a redirect from resolve, then one 206 from the CDN
    expect(hub.stats.byRoute.resolve.requests).toBe(1);
    expect(hub.stats.byRoute.cdn.requests).toBe(1);
    expect(hub.stats.log.find((l) => l.route === "cdn")!.status).toBe(206);
    expect(hub.stats.bytes).toBeLessThanOrEqual(64 * 1024 + 1024);
    // a range beyond the head is its own 206 of exactly that many bytes
    hub.resetStats();
    const far = await source.readRange("model-00002-of-00002.safetensors", 2 * GB, 2 * GB + 100);
    expect(far.length).toBe(100);
    expect(hub.stats.byRoute.cdn.bytes).toBe(100);
    // reading past the end gives fewer bytes, reading nothing costs nothing
    expect((await source.readRange("model-00002-of-00002.safetensors", 2.5 * GB - 10, 2.5 * GB + 10)).length).toBe(10);
    expect((await source.readRange("config.json", 5, 5)).length).toBe(0);
  });

  it("answers undefined for an absent file and refuses a text file over the limit, without a request", async () => {
    const source = await openHubSource("hf:acme/llm", { hubUrl: hub.url, ...fast });
    await source.listFiles();
    hub.resetStats();
    expect(await source.readText("LICENSE")).toBeUndefined();
    expect((await readError(source.readText("model-00001-of-00002.safetensors"))).reason).toBe("too-large");
    expect((await readError(source.readRange("nope.bin", 0, 1))).reason).toBe("missing");
    expect(hub.stats.requests).toBe(0);
  });

  it("tells gated (without and with a token) from unauthorized from missing", async () => {
    // the Hub serves a gated repo's metadata to anyone; that is no proof of access
    const gated = await openHubSource("hf:acme/gated", { hubUrl: hub.url, ...fast });
    expect(gated.gated).toBe("manual");
    const noToken = await readError(gated.listFiles());
    expect(noToken.reason).toBe("gated");
    expect(noToken.shortMessage).toMatch(/gated, access required/);
    // nor are the listing's digests or its "file absent" answers
    expect((await readError(gated.sha256("model.safetensors"))).reason).toBe("gated");
    expect((await readError(gated.readText("omrl.json"))).reason).toBe("gated");
    const denied = await openHubSource("hf:acme/gated", { hubUrl: hub.url, accessToken: "hf_denied", ...fast });
    expect((await readError(denied.readText("README.md"))).reason).toBe("gated");
    expect(hub.stats.log.some((l) => l.status === 403)).toBe(true);
    const granted = await openHubSource("hf:acme/gated", { hubUrl: hub.url, accessToken: "hf_granted", ...fast });
    expect((await granted.listFiles()).length).toBe(2);

    expect((await readError(openHubSource("hf:acme/private", { hubUrl: hub.url, ...fast }))).reason).toBe("unauthorized");
    expect((await openHubSource("hf:acme/private", { hubUrl: hub.url, accessToken: "hf_granted", ...fast })).private).toBe(true);
    expect((await readError(openHubSource("hf:acme/nope", { hubUrl: hub.url, accessToken: "hf_granted", ...fast }))).reason).toBe("missing");
    const badRev = await readError(openHubSource("hf:acme/llm@no-such-branch", { hubUrl: hub.url, ...fast }));
    expect(badRev.reason).toBe("missing");
    expect(badRev.shortMessage).toMatch(/revision not found/);
  });

  it("retries 429 honouring Retry-After, and 5xx with backoff", async () => {
    const retries: { reason: string; delayMs: number }[] = [];
    hub.inject({ kind: "status", status: 429, retryAfter: "0", route: "info", times: 2 });
    hub.inject({ kind: "status", status: 503, route: "tree", times: 2 });
    const source = await openHubSource("hf:acme/llm", { hubUrl: hub.url, retry: { baseDelayMs: 1, maxDelayMs: 5, onRetry: (r) => retries.push(r) } });
    expect((await source.listFiles()).length).toBe(8);
    expect(retries.map((r) => r.reason)).toEqual(["HTTP 429", "HTTP 429", "HTTP 503", "HTTP 503"]);
    expect(retries[0]!.delayMs).toBe(0); // Retry-After: 0 honoured exactly
    expect(hub.stats.byRoute.info.requests).toBe(3);
  });

  it("waits for Retry-After in seconds", async () => {
    hub.inject({ kind: "status", status: 429, retryAfter: "1", route: "info", times: 1 });
    const delays: number[] = [];
    await openHubSource("hf:acme/llm", { hubUrl: hub.url, retry: { onRetry: (r) => delays.push(r.delayMs) } });
    expect(delays).toEqual([1000]);
  });

  it("gives up after maxRetries with reason network, and does not wait for an over-long Retry-After", async () => {
    hub.inject({ kind: "status", status: 500, route: "info", times: 10 });
    const error = await readError(openHubSource("hf:acme/llm", { hubUrl: hub.url, maxRetries: 2, ...fast }));
    expect(error.reason).toBe("network");
    expect(hub.stats.byRoute.info.requests).toBe(3);
    hub.clearFaults();
    hub.resetStats();
    hub.inject({ kind: "status", status: 429, retryAfter: "3600", route: "info", times: 1 });
    expect((await readError(openHubSource("hf:acme/llm", { hubUrl: hub.url, ...fast }))).reason).toBe("network");
    expect(hub.stats.byRoute.info.requests).toBe(1);
  });

  it("detects truncated bodies, wrong Content-Length and short chunked bodies, and retries them", async () => {
    const source = await openHubSource("hf:acme/llm", { hubUrl: hub.url, ...fast });
    await source.listFiles();
    const reasons: string[] = [];
    const retrying = await openHubSource(`hf:acme/llm@${SHA.llmV2}`, { hubUrl: hub.url, retry: { baseDelayMs: 1, onRetry: (r) => reasons.push(r.reason) } });
    hub.inject({ kind: "truncate", bytes: 5, route: "resolve", times: 1 });
    hub.inject({ kind: "wrong-length", extra: 7, route: "resolve", times: 1 });
    expect(await retrying.readText("omrl.json")).toBe(OMRL_JSON);
    expect(reasons).toHaveLength(2);
    // a short chunked body has no Content-Length to betray it: the listing's size does
    hub.inject({ kind: "short-chunked", bytes: 4, route: "resolve", times: 1 });
    const short = await readError(retrying.readText("LICENSE.md"));
    expect(short.reason).toBe("network");
    expect(short.shortMessage).toMatch(/short read/);
    // persistent truncation: unverifiable, never partial data
    hub.inject({ kind: "truncate", bytes: 3, route: "resolve", times: 10 });
    const fresh = await openHubSource(`hf:acme/llm@${SHA.llmV2}`, { hubUrl: hub.url, maxRetries: 1, ...fast });
    expect((await readError(fresh.readText("config.json"))).reason).toBe("network");
  });

  it("times out a slow answer and retries it", async () => {
    hub.inject({ kind: "latency", ms: 400, route: "info", times: 1 });
    const reasons: string[] = [];
    const source = await openHubSource("hf:acme/llm", { hubUrl: hub.url, timeoutMs: 100, retry: { baseDelayMs: 1, onRetry: (r) => reasons.push(r.reason) } });
    expect(source.revision).toBe(SHA.llmV2);
    expect(reasons[0]).toMatch(/timed out/);
  });

  it("caps response sizes", async () => {
    const source = await openHubSource("hf:acme/llm", { hubUrl: hub.url, maxResponseBytes: 1024, ...fast });
    const error = await readError(source.readRange("model-00001-of-00002.safetensors", 1_000_000, 1_000_000 + 4096));
    expect(error.reason).toBe("too-large");
  });

  it("with a warm cache, a commit-sha revision costs zero requests; a branch costs one", async () => {
    const cache = createMemoryHubCache();
    const spec = `hf:acme/llm@${SHA.llmV2}`;
    const first = await openHubSource(spec, { hubUrl: hub.url, cache, ...fast });
    await first.listFiles();
    await first.readText("README.md");
    await first.readRange("model-00001-of-00002.safetensors", 0, 8);
    expect(hub.stats.requests).toBeGreaterThan(0);
    hub.resetStats();
    const again = await openHubSource(spec, { hubUrl: hub.url, cache, ...fast });
    expect((await again.listFiles()).length).toBe(8);
    expect(await again.readText("README.md")).toContain("omrl-1.0");
    expect((await again.readRange("model-00001-of-00002.safetensors", 0, 8)).length).toBe(8);
    expect(hub.stats.requests).toBe(0);
    const branch = await openHubSource("hf:acme/llm@main", { hubUrl: hub.url, cache, ...fast });
    await branch.listFiles();
    expect(hub.stats.requests).toBe(1);
    // offline: a branch resolves from the cache too, and anything uncached fails with reason offline
    hub.resetStats();
    const offline = await openHubSource("hf:acme/llm@main", { hubUrl: hub.url, cache, offline: true });
    expect(offline.revision).toBe(SHA.llmV2);
    expect((await readError(offline.readText("LICENSE.md"))).reason).toBe("offline");
    expect(hub.stats.requests).toBe(0);
  });

  it("bounds the requests in flight", async () => {
    const source = await openHubSource("hf:acme/llm", { hubUrl: hub.url, concurrency: 2, ...fast });
    const files = await source.listFiles();
    let inFlight = 0;
    let peak = 0;
    const counting: typeof fetch = async (input, init) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      try {
        return await fetch(input, init);
      } finally {
        inFlight--;
      }
    };
    const bounded = await openHubSource(`hf:acme/llm@${source.revision}`, { hubUrl: hub.url, concurrency: 2, fetch: counting, ...fast });
    await Promise.all(files.map((f) => bounded.readRange(f.path, 0, 4)));
    expect(peak).toBeLessThanOrEqual(2);
    expect(peak).toBeGreaterThan(0);
  });
});
