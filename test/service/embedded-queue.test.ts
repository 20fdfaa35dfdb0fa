import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEmbeddedQueue, createRevisionProcessor, emptyCounters, countingFetch, type ServiceJob, type StoredResult } from "../../src/service/index.js";
import { startHubServer, type HubServer } from "../helpers/hub-server/index.js";
import { WEBHOOK_SHA, webhookRepos } from "../webhook/fixtures/repos.js";
import { SECRET, startService, waitFor } from "./service-helpers.js";

let hub: HubServer;
let dir: string;
beforeAll(async () => {
  hub = await startHubServer({ repos: await webhookRepos() });
});
afterAll(async () => hub?.close());
beforeEach(async () => {
  hub.clearFaults();
  hub.resetStats();
  dir = await mkdtemp(join(tmpdir(), "omrl-service-"));
  return () => rm(dir, { recursive: true, force: true });
});

const fast = () => ({ hubUrl: hub.url, maxRetries: 0, retry: { baseDelayMs: 1, maxDelayMs: 2 } });
const job = (repo: string, revision: string): ServiceJob => ({ repo, revision, refs: ["refs/heads/main"], origin: "api", queuedAt: new Date().toISOString() });

describe("embedded queue + omrl serve routes", () => {
  it("verifies pushes, answers the status API with ETags, a badge, health and metrics", async () => {
    const counters = emptyCounters();
    const results: StoredResult[] = [];
    const queue = await createEmbeddedQueue({ dir, counters, process: createRevisionProcessor({ hub: { ...fast(), fetch: countingFetch(counters) } }), onResult: (r) => void results.push(r) });
    const service = await startService(queue);
    try {
      const accepted = await service.push("acme/tiny-1b", WEBHOOK_SHA.compliant);
      expect(accepted.status).toBe(202);
      expect((await accepted.json()) as unknown).toMatchObject({ status: "accepted", jobs: [{ jobId: `acme/tiny-1b@${WEBHOOK_SHA.compliant}` }] });
      expect((await service.push("acme/tampered", WEBHOOK_SHA.tampered)).status).toBe(202);
      expect((await service.push("acme/gated-omrl", WEBHOOK_SHA.gated)).status).toBe(202);
      await queue.idle();

      const revision = await service.get(`/v1/models/acme/tiny-1b/revisions/${WEBHOOK_SHA.compliant}`);
      expect(revision.status).toBe(200);
      const body = (await revision.json()) as StoredResult & { state: string };
      expect(body).toMatchObject({ state: "done", repo: "acme/tiny-1b", revision: WEBHOOK_SHA.compliant, status: "compliant", attempts: 1, refs: ["refs/heads/main"] });
      expect(body.termsHash).toMatch(/^0x[0-9a-f]{64}$/);
      expect(body.judgedBy).toMatchObject({ ruleSet: "hub", rules: expect.stringMatching(/^[0-9a-f]{16}$/), knowledgeBase: expect.stringMatching(/^[0-9a-f]{16}$/) });
      const etag = revision.headers.get("etag")!;
      expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
      expect((await service.get(`/v1/models/acme/tiny-1b/revisions/${WEBHOOK_SHA.compliant}`, { "if-none-match": etag })).status).toBe(304);

      const model = (await (await service.get("/v1/models/acme/tiny-1b")).json()) as { revision: string; state: string; refs: Record<string, { revision: string; status: string }>; result: StoredResult };
      expect(model).toMatchObject({ revision: WEBHOOK_SHA.compliant, state: "done", refs: { "refs/heads/main": { revision: WEBHOOK_SHA.compliant, status: "compliant" } }, result: { status: "compliant" } });

      const tampered = (await (await service.get(`/v1/models/acme/tampered/revisions/${WEBHOOK_SHA.tampered}`)).json()) as StoredResult;
      expect(tampered.status).toBe("violations");
      expect(tampered.diagnostics.some((d) => d.severity === "error")).toBe(true);
      // gated is a result, not a retry
      const gated = (await (await service.get(`/v1/models/acme/gated-omrl/revisions/${WEBHOOK_SHA.gated}`)).json()) as StoredResult;
      expect(gated).toMatchObject({ status: "unverifiable", attempts: 1 });

      const badge = await service.get("/badge/acme/tiny-1b.svg");
      expect(badge.headers.get("content-type")).toContain("image/svg+xml");
      const svg = await badge.text();
      expect(svg).toContain("<svg");
      expect(svg).toContain(">compliant</text>");
      expect(await (await service.get("/badge/acme/tampered.svg")).text()).toContain(">violations</text>");
      expect(await (await service.get("/badge/acme/never-pushed.svg")).text()).toContain(">unknown</text>");

      expect((await (await service.get("/healthz")).json()) as unknown).toMatchObject({ status: "ok", driver: "embedded", depth: { waiting: 0, active: 0, done: 3 } });
      const metrics = await (await service.get("/metrics")).text();
      expect(metrics).toContain('omrl_jobs_total{outcome="compliant"} 1');
      expect(metrics).toContain('omrl_jobs_total{outcome="violations"} 1');
      expect(metrics).toContain('omrl_jobs_total{outcome="unverifiable"} 1');
      expect(metrics).toContain('omrl_webhook_deliveries_total{status="202"} 3');
      expect(metrics).toMatch(/omrl_hub_requests_total [1-9]\d*/);
      expect(metrics).toContain(`omrl_hub_requests_total ${counters.hubRequests}`);
      expect(metrics).toContain("omrl_job_duration_seconds_count 3");
      expect(results.map((r) => r.repo).sort()).toEqual(["acme/gated-omrl", "acme/tampered", "acme/tiny-1b"]);

      // unknown and malformed paths
      expect((await service.get(`/v1/models/acme/tiny-1b/revisions/${"a".repeat(40)}`)).status).toBe(404);
      expect((await service.get("/v1/models/acme/tiny-1b/revisions/not-a-sha")).status).toBe(400);
      expect((await service.get("/v1/models/acme/..%2F..")).status).toBe(400);
    } finally {
      await service.close();
      await queue.close();
    }
  });

  it("never queues a bad delivery: wrong secret, oversized, not JSON, not a push", async () => {
    const queue = await createEmbeddedQueue({ dir, process: createRevisionProcessor({ hub: fast() }) });
    const service = await startService(queue);
    try {
      const post = (body: string, headers: Record<string, string>) => fetch(`${service.url}/webhook`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
      expect((await post("{}", { "x-webhook-secret": "wrong" })).status).toBe(401);
      expect((await post("{}", {})).status).toBe(401);
      expect((await post(JSON.stringify({ pad: "x".repeat(1024 * 1024 + 10) }), { "x-webhook-secret": SECRET })).status).toBe(413);
      expect((await post("{not json", { "x-webhook-secret": SECRET })).status).toBe(400);
      expect((await post(JSON.stringify({ event: { action: "create", scope: "discussion" }, repo: { type: "model", name: "acme/tiny-1b" } }), { "x-webhook-secret": SECRET })).status).toBe(202);
      expect(await queue.depth()).toEqual({ waiting: 0, active: 0, delayed: 0, dead: 0, done: 0 });
      expect(await readdir(join(dir, "queue"))).toEqual([]);
      expect(hub.stats.requests).toBe(0);
    } finally {
      await service.close();
      await queue.close();
    }
  });

  it("collapses duplicate deliveries of one push into one job", async () => {
    let runs = 0;
    const inner = createRevisionProcessor({ hub: fast() });
    const queue = await createEmbeddedQueue({ dir, process: (j, c) => (runs++, inner(j, c)) });
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => queue.enqueue([job("acme/tiny-1b", WEBHOOK_SHA.compliant)])));
    expect(outcomes.flat().filter((o) => !o.duplicate)).toHaveLength(1);
    await queue.idle();
    expect((await queue.enqueue([job("acme/tiny-1b", WEBHOOK_SHA.compliant)]))[0]!.duplicate).toBe(true);
    expect(runs).toBe(1);
    await queue.close();
  });

  it("retries a Hub answering 500, then dead-letters with the reason — never stored as compliant", async () => {
    hub.inject({ kind: "status", status: 500, route: "info", times: 1000 });
    const queue = await createEmbeddedQueue({ dir, attempts: 3, backoffMs: 5, process: createRevisionProcessor({ hub: fast() }) });
    const service = await startService(queue);
    try {
      expect((await service.push("acme/tiny-1b", WEBHOOK_SHA.compliant)).status).toBe(202);
      await queue.idle();
      expect(await queue.result("acme/tiny-1b", WEBHOOK_SHA.compliant)).toBeUndefined();
      const answer = (await (await service.get(`/v1/models/acme/tiny-1b/revisions/${WEBHOOK_SHA.compliant}`)).json()) as { state: string; attempts: number; reason: string };
      expect(answer).toMatchObject({ state: "dead", attempts: 3 });
      expect(answer.reason).toContain("HTTP 500");
      expect(hub.stats.byRoute.info.requests).toBe(3);
      expect(await (await service.get("/badge/acme/tiny-1b.svg")).text()).toContain(">failed</text>");
      const metrics = await (await service.get("/metrics")).text();
      expect(metrics).toContain('omrl_jobs_total{outcome="retried"} 2');
      expect(metrics).toContain('omrl_jobs_total{outcome="dead"} 1');
      expect(metrics).toContain('omrl_jobs_total{outcome="compliant"} 0');
      // the Hub recovers: a re-validation (force) runs it again and stores the result
      hub.clearFaults();
      expect((await queue.enqueue([job("acme/tiny-1b", WEBHOOK_SHA.compliant)], { force: true }))[0]!.duplicate).toBe(false);
      await queue.idle();
      expect((await queue.result("acme/tiny-1b", WEBHOOK_SHA.compliant))?.status).toBe("compliant");
      expect(await queue.deadLetter("acme/tiny-1b", WEBHOOK_SHA.compliant)).toBeUndefined();
    } finally {
      await service.close();
      await queue.close();
    }
  });

  it("a restart after a crash runs every accepted job that had not finished", async () => {
    // the first process accepts two jobs and dies before finishing them (its jobs never return)
    const stuck = await createEmbeddedQueue({ dir, process: () => new Promise<StoredResult>(() => undefined) });
    await stuck.enqueue([job("acme/tiny-1b", WEBHOOK_SHA.compliant), job("acme/tampered", WEBHOOK_SHA.tampered)]);
    expect((await readdir(join(dir, "queue"))).sort()).toHaveLength(2);
    const restarted = await createEmbeddedQueue({ dir, process: createRevisionProcessor({ hub: fast() }) });
    await restarted.idle();
    expect((await restarted.result("acme/tiny-1b", WEBHOOK_SHA.compliant))?.status).toBe("compliant");
    expect((await restarted.result("acme/tampered"))?.status).toBe("violations");
    expect(await readdir(join(dir, "queue"))).toEqual([]);
    await restarted.close();
  });
});
