import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createWebhookHandler,
  decideHubWebhook,
  parseHubWebhookPayload,
  secretMatches,
  timingSafeEqual,
  WebhookPayloadError,
  type CreateWebhookHandlerParameters,
  type WebhookHandler,
  type WebhookRequest,
  type WebhookVerificationResult,
} from "../../src/index.js";
import type { VerifyModelReturnType } from "../../src/rules/index.js";
import { startHubServer, type HubServer } from "../helpers/hub-server/index.js";
import { contentUpdatePayload, discussionPayload, repoDeletePayload } from "./fixtures/payloads.js";
import { WEBHOOK_SHA, webhookRepos } from "./fixtures/repos.js";

const SECRET = "whsec-omrl-test-3f9a";
type Result = WebhookVerificationResult<VerifyModelReturnType>;

let hub: HubServer;
beforeAll(async () => {
  hub = await startHubServer({ repos: await webhookRepos() });
});
afterAll(async () => hub?.close());
beforeEach(() => hub.resetStats());

/** A `node:http` server around a fresh handler; results handed to `onResult` are collected. */
async function serve(options: Partial<CreateWebhookHandlerParameters> = {}) {
  const results: Result[] = [];
  const handler = createWebhookHandler({
    secret: SECRET,
    hub: { hubUrl: hub.url, retry: { baseDelayMs: 1, maxDelayMs: 2 } },
    onResult: (result) => void results.push(result),
    ...options,
  });
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
  return {
    handler,
    results,
    url,
    post: (body: unknown, headers: Record<string, string> = { "x-webhook-secret": SECRET }) =>
      fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("timingSafeEqual / secretMatches", () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  it("is true only for equal byte strings", () => {
    expect(timingSafeEqual(bytes("secret"), bytes("secret"))).toBe(true);
    expect(timingSafeEqual(new Uint8Array(0), new Uint8Array(0))).toBe(true);
    expect(timingSafeEqual(bytes("secret"), bytes("secreT"))).toBe(false);
    expect(timingSafeEqual(bytes("Secret"), bytes("secret"))).toBe(false);
  });
  it("is false for different lengths, including a prefix and trailing zero bytes", () => {
    expect(timingSafeEqual(bytes("secret"), bytes("secret2"))).toBe(false);
    expect(timingSafeEqual(bytes("secret2"), bytes("secret"))).toBe(false);
    expect(timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 0]))).toBe(false);
    expect(timingSafeEqual(new Uint8Array(0), new Uint8Array([0]))).toBe(false);
  });
  it("reads every byte whether the inputs differ first, last or in length (no early exit)", () => {
    const counted = (data: Uint8Array) => {
      const reads = { n: 0 };
      const proxy = new Proxy(data, {
        get(target, key) {
          if (typeof key === "string" && /^\d+$/.test(key)) reads.n++;
          const value = Reflect.get(target, key, target);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
      return { proxy, reads };
    };
    const reference = new Uint8Array(32).fill(9);
    for (const other of [new Uint8Array(32).fill(1), Uint8Array.from(reference, (v, i) => (i === 31 ? 0 : v)), new Uint8Array(reference), new Uint8Array(3)]) {
      const a = counted(reference);
      const b = counted(other);
      timingSafeEqual(a.proxy, b.proxy);
      expect(a.reads.n).toBe(32);
      expect(b.reads.n).toBe(32);
    }
  });
  it("secretMatches compares digests: missing and wrong fail, right passes", () => {
    expect(secretMatches(SECRET, SECRET)).toBe(true);
    expect(secretMatches(undefined, SECRET)).toBe(false);
    expect(secretMatches("", SECRET)).toBe(false);
    expect(secretMatches(SECRET.slice(0, -1), SECRET)).toBe(false);
    expect(secretMatches(`${SECRET}x`, SECRET)).toBe(false);
  });
});

describe("decideHubWebhook", () => {
  const sha = WEBHOOK_SHA.compliant;
  it("verifies a model content update at the pushed sha, once per commit", () => {
    const payload = contentUpdatePayload({ repo: "acme/tiny-1b", newSha: sha });
    payload.updatedRefs!.push({ ref: "refs/tags/v1.0", oldSha: null, newSha: sha.toUpperCase() }, { ref: "refs/heads/old", oldSha: sha, newSha: null });
    expect(decideHubWebhook(payload)).toEqual({ action: "verify", repo: "acme/tiny-1b", revisions: [{ revision: sha, refs: ["refs/heads/main", "refs/tags/v1.0"] }] });
  });
  it("uses repo.headSha when the payload lists no refs", () => {
    const { updatedRefs: _refs, ...payload } = contentUpdatePayload({ repo: "acme/tiny-1b", newSha: sha });
    expect(decideHubWebhook(payload)).toEqual({ action: "verify", repo: "acme/tiny-1b", revisions: [{ revision: sha, refs: [] }] });
  });
  it("ignores datasets, Spaces, discussions, config changes, repo deletes and pure ref deletions", () => {
    expect(decideHubWebhook(contentUpdatePayload({ repo: "acme/data", newSha: sha, type: "dataset" }))).toMatchObject({ action: "ignore", reason: "not-a-model" });
    expect(decideHubWebhook(contentUpdatePayload({ repo: "acme/app", newSha: sha, type: "space" }))).toMatchObject({ action: "ignore", reason: "not-a-model" });
    expect(decideHubWebhook(discussionPayload("acme/tiny-1b"))).toMatchObject({ action: "ignore", reason: "not-a-content-update" });
    expect(decideHubWebhook(repoDeletePayload("acme/tiny-1b"))).toMatchObject({ action: "ignore", reason: "not-a-content-update" });
    expect(decideHubWebhook({ ...repoDeletePayload("acme/tiny-1b"), event: { action: "update", scope: "repo.config" }, updatedConfig: { private: true } })).toMatchObject({ reason: "not-a-content-update" });
    const deleted = contentUpdatePayload({ repo: "acme/tiny-1b", newSha: sha });
    deleted.updatedRefs = [{ ref: "refs/heads/feature", oldSha: sha, newSha: null }];
    expect(decideHubWebhook(deleted)).toMatchObject({ action: "ignore", reason: "no-pushed-revision" });
  });
  it("treats a narrower content scope as a content update, and applies refFilter", () => {
    const payload = { ...contentUpdatePayload({ repo: "acme/tiny-1b", newSha: sha, ref: "refs/pr/3" }), event: { action: "update", scope: "repo.content.lfs" } };
    expect(decideHubWebhook(payload)).toMatchObject({ action: "verify", revisions: [{ revision: sha, refs: ["refs/pr/3"] }] });
    expect(decideHubWebhook(payload, { refFilter: (ref) => ref.startsWith("refs/heads/") })).toMatchObject({ action: "ignore", reason: "no-pushed-revision" });
  });
  it("parseHubWebhookPayload rejects what is not a Hub payload, saying where", () => {
    expect(() => parseHubWebhookPayload([])).toThrow(WebhookPayloadError);
    expect(() => parseHubWebhookPayload({ repo: {} })).toThrow(/\/event/);
    expect(() => parseHubWebhookPayload({ event: { action: "update", scope: "repo.content" }, repo: { type: "model" } })).toThrow(/\/repo\/name/);
    const badSha = contentUpdatePayload({ repo: "acme/tiny-1b", newSha: sha });
    badSha.updatedRefs![0]!.newSha = "not-a-sha";
    expect(() => parseHubWebhookPayload(badSha)).toThrow(/\/updatedRefs\/0\/newSha/);
    expect(() => decideHubWebhook(parseHubWebhookPayload(contentUpdatePayload({ repo: "../etc", newSha: sha })))).toThrow(/\/repo\/name/);
  });
});

describe("createWebhookHandler over node:http and the Hub test server", () => {
  let s: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    s = await serve();
  });
  afterAll(async () => s.close());
  beforeEach(() => void (s.results.length = 0));

  it("answers 401 to a missing or wrong secret, the same way, and 202 to the right one", async () => {
    const payload = repoDeletePayload("acme/tiny-1b");
    const missing = await s.post(payload, {});
    const wrong = await s.post(payload, { "x-webhook-secret": `${SECRET}!` });
    const short = await s.post(payload, { "x-webhook-secret": SECRET.slice(0, 4) });
    for (const response of [missing, wrong, short]) expect(response.status).toBe(401);
    const bodies = await Promise.all([missing.json(), wrong.json(), short.json()]);
    expect(bodies[0]).toEqual({ error: "unauthorized", message: "missing or wrong X-Webhook-Secret" });
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
    const right = await s.post(payload);
    expect(right.status).toBe(202);
    expect(hub.stats.requests).toBe(0);
  });

  it("answers 405 to anything but POST", async () => {
    const response = await fetch(s.url, { headers: { "x-webhook-secret": SECRET } });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });

  it("acknowledges dataset pushes, discussions and repo deletes as ignored, with the reason, touching no Hub", async () => {
    const cases = [
      [contentUpdatePayload({ repo: "acme/data", newSha: WEBHOOK_SHA.compliant, type: "dataset" }), "not-a-model"],
      [discussionPayload("acme/tiny-1b"), "not-a-content-update"],
      [repoDeletePayload("acme/tiny-1b"), "not-a-content-update"],
    ] as const;
    for (const [payload, reason] of cases) {
      const response = await s.post(payload);
      expect(response.status).toBe(202);
      expect(await response.json()).toMatchObject({ status: "ignored", reason });
    }
    await s.handler.idle();
    expect(s.results).toEqual([]);
    expect(hub.stats.requests).toBe(0);
  });

  it("verifies a push of a compliant OMRL model at the pushed commit and hands the report to onResult", async () => {
    const response = await s.post(contentUpdatePayload({ repo: "acme/tiny-1b", newSha: WEBHOOK_SHA.compliant, hubUrl: hub.url }));
    expect(response.status).toBe(202);
    const body = (await response.json()) as { status: string; jobs: { jobId: string; revision: string; refs: string[] }[] };
    expect(body.status).toBe("accepted");
    expect(body.jobs).toEqual([{ jobId: expect.any(String), revision: WEBHOOK_SHA.compliant, refs: ["refs/heads/main"] }]);
    await s.handler.idle();
    expect(s.results).toHaveLength(1);
    const result = s.results[0]!;
    expect(result).toMatchObject({ jobId: body.jobs[0]!.jobId, repo: "acme/tiny-1b", revision: WEBHOOK_SHA.compliant, refs: ["refs/heads/main"], status: "compliant" });
    expect(result.report!.source).toMatchObject({ kind: "hub", id: `hf:acme/tiny-1b@${WEBHOOK_SHA.compliant}`, revision: WEBHOOK_SHA.compliant });
    expect(result.report!.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(result.report!.summary.signer).toMatch(/^0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266$/i);
    expect(result.payload.webhook).toEqual({ id: "6390e855e30d9209411de93b", version: 3 });
    // pinned: every read names the pushed commit, never a branch
    expect(hub.stats.log.length).toBeGreaterThan(0);
    expect(hub.stats.log.filter((l) => l.route !== "cdn").every((l) => l.url.includes(WEBHOOK_SHA.compliant))).toBe(true);
  });

  it("verifies the pushed commit, not the branch head: a tag pushed to an older commit is checked at that commit", async () => {
    await s.post(contentUpdatePayload({ repo: "acme/tiny-1b", newSha: WEBHOOK_SHA.compliantOld, ref: "refs/tags/v0.9", oldSha: null }));
    await s.handler.idle();
    const result = s.results[0]!;
    expect(result).toMatchObject({ revision: WEBHOOK_SHA.compliantOld, refs: ["refs/tags/v0.9"] });
    expect(result.report!.source.revision).toBe(WEBHOOK_SHA.compliantOld);
    expect(result.status).toBe("violations");
    expect(result.report!.diagnostics.map((d) => d.ruleId)).toContain("omrl/terms-missing");
  });

  it("reports violations for terms changed after signing", async () => {
    await s.post(contentUpdatePayload({ repo: "acme/tampered", newSha: WEBHOOK_SHA.tampered }));
    await s.handler.idle();
    const result = s.results[0]!;
    expect(result.status).toBe("violations");
    expect(result.report!.diagnostics.map((d) => d.ruleId)).toContain("omrl/signature-invalid");
    expect(result.report!.counts.error).toBeGreaterThan(0);
  });

  it("reports a gated repo as unverifiable without a token", async () => {
    await s.post(contentUpdatePayload({ repo: "acme/gated-omrl", newSha: WEBHOOK_SHA.gated }));
    await s.handler.idle();
    const result = s.results[0]!;
    expect(result.status).toBe("unverifiable");
    expect(JSON.stringify(result.report?.diagnostics ?? result.error)).toMatch(/gated/);
  });

  // without a token the Hub answers 401 RepoNotFound for a repo it does not show (private or absent)
  it("reports a repo the Hub will not show as unverifiable with the source error", async () => {
    await s.post(contentUpdatePayload({ repo: "acme/vanished", newSha: WEBHOOK_SHA.compliant }));
    await s.handler.idle();
    expect(s.results[0]).toMatchObject({ status: "unverifiable", error: { name: "SourceReadError", reason: "unauthorized" } });
    expect(s.results[0]!.report).toBeUndefined();
  });

  it("joins a duplicate delivery to the running job instead of verifying twice", async () => {
    const payload = contentUpdatePayload({ repo: "acme/tiny-1b", newSha: WEBHOOK_SHA.compliant });
    const [a, b] = await Promise.all([s.post(payload), s.post(payload)]);
    const [ja, jb] = (await Promise.all([a.json(), b.json()])) as { jobs: { jobId: string }[] }[];
    await s.handler.idle();
    expect(ja!.jobs[0]!.jobId).toBe(jb!.jobs[0]!.jobId);
    expect(s.results).toHaveLength(1);
  });

  it("answers 413 to a body over the cap, declared or streamed", async () => {
    const big = JSON.stringify({ ...repoDeletePayload("acme/tiny-1b"), padding: "x".repeat(1024 * 1024) });
    const declared = await s.post(big);
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ error: "payload-too-large" });

    // chunked, no Content-Length: the cap is enforced while reading
    const streamed = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(s.url, { method: "POST", headers: { "x-webhook-secret": SECRET, "content-type": "application/json" } }, (res) => {
        let body = "";
        res.setEncoding("utf8").on("data", (d: string) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on("error", reject);
      for (let i = 0; i < 20; i++) req.write("x".repeat(64 * 1024));
      req.end();
    });
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body)).toMatchObject({ error: "payload-too-large" });
  });

  it("answers 400 to bad JSON and to JSON that is not a Hub payload", async () => {
    const bad = await s.post('{"event": {');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: "bad-request", message: "request body is not valid JSON" });
    const wrongShape = await s.post({ hello: "world" });
    expect(wrongShape.status).toBe(400);
    expect(await wrongShape.json()).toMatchObject({ error: "bad-request", message: expect.stringMatching(/\/event/) });
  });
});

describe("createWebhookHandler modes and adapters", () => {
  it("sync mode answers 200 with the results; the gated repo verifies with a granted token", async () => {
    const s = await serve({ mode: "sync", hub: { hubUrl: hub.url, accessToken: "hf_granted" } });
    try {
      const response = await s.post(contentUpdatePayload({ repo: "acme/gated-omrl", newSha: WEBHOOK_SHA.gated }));
      expect(response.status).toBe(200);
      const body = (await response.json()) as { status: string; results: Result[] };
      expect(body.status).toBe("verified");
      expect(body.results).toHaveLength(1);
      expect(body.results[0]).toMatchObject({ repo: "acme/gated-omrl", revision: WEBHOOK_SHA.gated, status: "compliant" });
      expect(body.results[0]!.report!.counts).toEqual({ error: 0, warning: 0, info: expect.any(Number), suppressed: 0 });
      expect(s.results.map((r) => r.status)).toEqual(["compliant"]);
    } finally {
      await s.close();
    }
  });

  /** An Express-like exchange: `req` with headers and a body (parsed or a stream), `res` with statusCode/setHeader/end. */
  async function exchange(handler: WebhookHandler, req: WebhookRequest) {
    const res = { statusCode: 200, headers: {} as Record<string, string>, body: "", setHeader(n: string, v: string) { this.headers[n] = v; }, end(b?: string) { this.body = b ?? ""; } };
    await handler(req, res);
    return { status: res.statusCode, headers: res.headers, json: JSON.parse(res.body) as Record<string, unknown> };
  }

  it("takes a body parsed by middleware (express.json()) or a raw body stream", async () => {
    const results: Result[] = [];
    const handler = createWebhookHandler({ secret: [SECRET, "older-secret"], mode: "sync", hub: { hubUrl: hub.url }, onResult: (r) => void results.push(r) });
    const payload = contentUpdatePayload({ repo: "acme/tampered", newSha: WEBHOOK_SHA.tampered });

    const parsed = await exchange(handler, { method: "POST", headers: { "x-webhook-secret": "older-secret" }, body: payload });
    expect(parsed.status).toBe(200);
    expect(parsed.json).toMatchObject({ status: "verified", results: [{ repo: "acme/tampered", status: "violations" }] });

    const text = JSON.stringify(repoDeletePayload("acme/tiny-1b"));
    const streamReq = Object.assign(Readable.from([text.slice(0, 10), Buffer.from(text.slice(10))]), { method: "POST", headers: { "X-Webhook-Secret": SECRET } });
    const streamed = await exchange(handler, streamReq as unknown as WebhookRequest);
    expect(streamed).toMatchObject({ status: 202, json: { status: "ignored", reason: "not-a-content-update" } });

    // Express 4 leaves `req.body = {}` when no parser matched: the stream is read instead
    const express4Req = Object.assign(Readable.from([text]), { method: "POST", headers: { "x-webhook-secret": SECRET }, body: {} });
    expect((await exchange(handler, express4Req as unknown as WebhookRequest)).json).toMatchObject({ status: "ignored" });

    const raw = await exchange(handler, { method: "POST", headers: { "x-webhook-secret": SECRET }, body: Buffer.from("not json") });
    expect(raw.status).toBe(400);
    const hugeText = await exchange(handler, { method: "POST", headers: { "x-webhook-secret": SECRET }, body: " ".repeat(1024 * 1024 + 1) });
    expect(hugeText.status).toBe(413);
    const unauthorized = await exchange(handler, { method: "POST", headers: { "x-webhook-secret": "nope" }, body: payload });
    expect(unauthorized.status).toBe(401);
    expect(results).toHaveLength(1);
  });

  it("serves Fetch API runtimes through handler.fetch", async () => {
    const handler = createWebhookHandler({ secret: SECRET, mode: "sync", hub: { hubUrl: hub.url } });
    const post = (body: string, secret = SECRET) => handler.fetch(new Request("http://hook.test/", { method: "POST", headers: { "x-webhook-secret": secret }, body }));
    const ok = await post(JSON.stringify(contentUpdatePayload({ repo: "acme/tiny-1b", newSha: WEBHOOK_SHA.compliant })));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ results: [{ status: "compliant", revision: WEBHOOK_SHA.compliant }] });
    expect((await post("{}", "wrong")).status).toBe(401);
    expect((await post("x".repeat(2 * 1024 * 1024))).status).toBe(413);
    expect((await post("[")).status).toBe(400);
  });

  it("answers 503 when too many verifications are pending, and rejects an empty secret up front", async () => {
    const s = await serve({ maxPendingJobs: 1, verify: () => new Promise(() => {}) });
    try {
      const first = await s.post(contentUpdatePayload({ repo: "acme/tiny-1b", newSha: WEBHOOK_SHA.compliant }));
      expect(first.status).toBe(202);
      const second = await s.post(contentUpdatePayload({ repo: "acme/tampered", newSha: WEBHOOK_SHA.tampered }));
      expect(second.status).toBe(503);
      expect(second.headers.get("retry-after")).toBe("60");
    } finally {
      await s.close();
    }
    expect(() => createWebhookHandler({ secret: "" })).toThrow(/secret/);
    expect(() => createWebhookHandler({ secret: [] })).toThrow(/secret/);
  });

  it("reports onResult failures to onError and keeps serving", async () => {
    const errors: unknown[] = [];
    const handler = createWebhookHandler({ secret: SECRET, hub: { hubUrl: hub.url }, onResult: () => { throw new Error("discussion API down"); }, onError: (e) => errors.push(e) });
    const response = await handler.fetch(new Request("http://hook.test/", { method: "POST", headers: { "x-webhook-secret": SECRET }, body: JSON.stringify(contentUpdatePayload({ repo: "acme/tampered", newSha: WEBHOOK_SHA.tampered })) }));
    expect(response.status).toBe(202);
    await handler.idle();
    expect(errors.map((e) => (e as Error).message)).toEqual(["discussion API down"]);
  });
});
