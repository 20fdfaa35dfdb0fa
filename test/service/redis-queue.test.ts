import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedisQueue, createRedisWorker, createRevisionProcessor, redisKeys, type RedisWorker, type ServiceQueue, type StoredResult } from "../../src/service/index.js";
import { runCli } from "../../src/cli/program.js";
import { CLI_PATH, runOmrl } from "../helpers/cli.js";
import { commitSha, startHubServer, type HubServer } from "../helpers/hub-server/index.js";
import { redisMissing, startRedis, type RedisServer } from "../helpers/redis.js";
import { WEBHOOK_SHA, webhookRepos } from "../webhook/fixtures/repos.js";
import { smallRepos } from "./fixtures.js";
import { startService, waitFor } from "./service-helpers.js";

// Real redis-server (Debian package) on a free loopback port; `apt-get install redis-server` when absent.
const missing = redisMissing();
if (missing) {
  describe("BullMQ driver on a real redis-server", () => {
    it("needs redis-server", () => {
      throw new Error(missing);
    });
  });
} else {
  let hub: HubServer;
  let redis: RedisServer;
  let client: Redis;
  let prefixCounter = 0;
  const FLEET = 200;

  beforeAll(async () => {
    hub = await startHubServer({ repos: [...(await webhookRepos()), ...smallRepos(FLEET)], pageSize: 64 });
    redis = await startRedis();
    client = new Redis(redis.url);
    client.on("error", () => undefined); // Redis is killed on purpose in one test; the client reconnects
  });
  afterAll(async () => {
    await client?.quit();
    await redis?.stop();
    await hub?.close();
  });

  const fastHub = () => ({ hubUrl: hub.url, maxRetries: 0, retry: { baseDelayMs: 1, maxDelayMs: 2 } });

  /** A queue, one in-process worker and the HTTP service, all on a fresh key prefix. */
  async function stack(options: { attempts?: number; backoffMs?: number; concurrency?: number } = {}) {
    const prefix = `t${++prefixCounter}`;
    const queue = await createRedisQueue({ url: redis.url, prefix, attempts: options.attempts ?? 3, backoffMs: options.backoffMs ?? 20 });
    const worker = await createRedisWorker({ url: redis.url, prefix, process: createRevisionProcessor({ hub: fastHub() }), concurrency: options.concurrency ?? 16, lockDurationMs: 5000, onError: () => undefined });
    const service = await startService(queue);
    return {
      prefix,
      queue,
      worker,
      service,
      keys: redisKeys(prefix),
      async close() {
        await service.close();
        await worker.close(true);
        await queue.close();
      },
    };
  }

  async function allResults(queue: ServiceQueue, keys: string[]): Promise<(StoredResult | undefined)[]> {
    return Promise.all(keys.map((k) => queue.result(k.split("@")[0]!, k.split("@")[1]!)));
  }

  describe("BullMQ driver on a real redis-server", () => {
    it("1,000 deliveries in a burst: all answered, all verified, duplicates collapsed into one job and one stored result each", async () => {
      const s = await stack();
      try {
        const repos = smallRepos(FLEET).map((r) => ({ repo: r.id, sha: r.commits[0]!.sha }));
        // every push delivered 5 times, interleaved, 100 in flight at a time
        const deliveries = Array.from({ length: 1000 }, (_, i) => repos[i % FLEET]!);
        const statuses: number[] = [];
        for (let i = 0; i < deliveries.length; i += 100) {
          const answers = await Promise.all(deliveries.slice(i, i + 100).map((d) => s.service.push(d.repo, d.sha)));
          statuses.push(...answers.map((a) => a.status));
          await Promise.all(answers.map((a) => a.arrayBuffer()));
        }
        expect(statuses.filter((c) => c === 202)).toHaveLength(1000);
        const keys = repos.map((r) => `${r.repo}@${r.sha}`);
        await waitFor(async () => (await s.queue.depth()).done === FLEET || undefined, 30_000, "every job done");
        const results = await allResults(s.queue, keys);
        expect(results.every((r) => r !== undefined && r.attempts === 1)).toBe(true);
        const stores = await client.hgetall(s.keys.stores);
        expect(Object.keys(stores).sort()).toEqual([...keys].sort());
        expect(Object.values(stores).every((n) => n === "1")).toBe(true);
        const depth = await s.queue.depth();
        expect(depth).toMatchObject({ waiting: 0, active: 0, delayed: 0, dead: 0, done: FLEET });
        const metrics = await (await s.service.get("/metrics")).text();
        expect(metrics).toContain('omrl_webhook_deliveries_total{status="202"} 1000');
        expect(metrics).toContain(`omrl_job_duration_seconds_count ${FLEET}`);
        // each job is written to one bucket; the reader makes the counts cumulative
        expect(metrics).toContain(`omrl_job_duration_seconds_bucket{le="60"} ${FLEET}`);
        const buckets = [...metrics.matchAll(/omrl_job_duration_seconds_bucket\{le="[\d.]+"\} (\d+)/g)].map((m) => Number(m[1]));
        expect(buckets).toEqual([...buckets].sort((a, b) => a - b));
      } finally {
        await s.close();
      }
    });

    it("enqueue in bulk: a repo@sha twice in one call is one job with both refs recorded; a done one is a duplicate unless forced", async () => {
      const s = await stack();
      try {
        const sha = WEBHOOK_SHA.compliant;
        const job = (ref: string) => ({ repo: "acme/tiny-1b", revision: sha, refs: [ref], origin: "webhook" as const, queuedAt: new Date().toISOString() });
        const first = await s.queue.enqueue([job("refs/heads/main"), job("refs/tags/v1")]);
        expect(first.map((o) => o.duplicate)).toEqual([false, true]);
        expect(await s.queue.refs("acme/tiny-1b")).toEqual({ "refs/heads/main": sha, "refs/tags/v1": sha, "@latest": sha });
        const key = `acme/tiny-1b@${sha}`;
        await waitFor(() => s.queue.result("acme/tiny-1b", sha), 20_000, "the result");
        await waitFor(async () => (await s.queue.status("acme/tiny-1b", sha))?.state === "done" || undefined, 10_000, "the job done");
        expect((await s.queue.enqueue([job("refs/heads/main")]))[0]!.duplicate).toBe(true);
        // re-validation: the finished job is queued again and its result stored a second time
        expect((await s.queue.enqueue([job("refs/heads/main")], { force: true }))[0]!.duplicate).toBe(false);
        await waitFor(async () => (await client.hget(s.keys.stores, key)) === "2" || undefined, 20_000, "the second result");
      } finally {
        await s.close();
      }
    });

    it("the Hub answering 500s: retried with backoff, then dead-lettered with the reason, never stored", async () => {
      const s = await stack({ attempts: 3, backoffMs: 20 });
      hub.inject({ kind: "status", status: 500, route: "info", times: 1000 });
      try {
        expect((await s.service.push("acme/tiny-1b", WEBHOOK_SHA.compliant)).status).toBe(202);
        const dead = await waitFor(() => s.queue.deadLetter("acme/tiny-1b", WEBHOOK_SHA.compliant), 20_000, "dead letter");
        // tries begun (a try whose lock expired under load counts too)
        expect(dead.attempts, JSON.stringify(dead)).toBeGreaterThanOrEqual(3);
        expect(hub.stats.log.filter((l) => l.route === "info" && l.url.includes("tiny-1b")).length).toBeGreaterThanOrEqual(3);
        expect(dead.reason).toContain("HTTP 500");
        expect(await s.queue.result("acme/tiny-1b", WEBHOOK_SHA.compliant)).toBeUndefined();
        expect(await client.hget(s.keys.stores, `acme/tiny-1b@${WEBHOOK_SHA.compliant}`)).toBeNull();
        const answer = (await (await s.service.get(`/v1/models/acme/tiny-1b/revisions/${WEBHOOK_SHA.compliant}`)).json()) as { state: string; reason: string };
        expect(answer).toMatchObject({ state: "dead" });
        await waitFor(async () => (await s.queue.counters()).jobs.dead === 1 || undefined, 5000, "dead counted");
        expect((await s.queue.counters()).jobs.retried).toBe(2);
      } finally {
        hub.clearFaults();
        await s.close();
      }
    });

    it("Redis killed and restarted (AOF): every delivery answered 202 is still verified", async () => {
      const s = await stack();
      const accepted = new Set<string>();
      const repos = smallRepos(FLEET).map((r) => ({ repo: r.id, sha: r.commits[0]!.sha }));
      let sent = 0;
      let refused = 0;
      const deliver = async (d: { repo: string; sha: string }) => {
        const answer = await s.service.push(d.repo, d.sha).catch(() => undefined);
        sent++;
        if (answer?.status === 202) accepted.add(`${d.repo}@${d.sha}`);
        else refused++;
        await answer?.arrayBuffer();
      };
      try {
        for (const d of repos.slice(0, 60)) await deliver(d);
        await redis.kill();
        // the queue is down: deliveries are refused (503), so the Hub delivers them again later
        for (const d of repos.slice(60, 80)) await deliver(d);
        await redis.restart();
        await waitFor(async () => (await fetch(`${s.service.url}/healthz`)).status === 200 || undefined, 15_000, "queue reachable");
        for (const d of repos.slice(80, 120)) await deliver(d);
        expect(sent).toBe(120);
        expect(refused).toBeGreaterThanOrEqual(20);
        expect(accepted.size).toBeGreaterThanOrEqual(100);
        await waitFor(async () => (await allResults(s.queue, [...accepted])).every(Boolean) || undefined, 30_000, "every accepted delivery verified");
      } finally {
        await s.close();
      }
    });

    it("omrl worker SIGKILLed mid-job: another worker finishes it, exactly one stored result; omrl sweep lists the Hub page by page", async () => {
      const prefix = `t${++prefixCounter}`;
      const keys = redisKeys(prefix);
      const queue = await createRedisQueue({ url: redis.url, prefix, attempts: 3, backoffMs: 20 });
      const children: ChildProcess[] = [];
      let workerLog = "";
      const startWorker = () => {
        const child = spawn(process.execPath, [CLI_PATH, "worker", "--redis", redis.url, "--prefix", prefix, "--hub-url", hub.url, "--lock-ms", "1000", "--concurrency", "4", "--rate-limit", "none", "--hub-retries", "0"], {
          env: { ...process.env, OMRL_NO_CACHE: "1", NO_COLOR: "1" },
          stdio: ["ignore", "ignore", "pipe"],
        });
        children.push(child);
        child.stderr!.setEncoding("utf8").on("data", (d: string) => (workerLog += d));
        return child;
      };
      try {
        // the first Hub request of the job hangs, so the job is surely running when the worker dies
        hub.resetStats();
        hub.inject({ kind: "latency", ms: 4000, route: "info", times: 1 });
        const first = startWorker();
        await queue.enqueue([{ repo: "acme/tiny-1b", revision: WEBHOOK_SHA.compliant, refs: ["refs/heads/main"], origin: "api", queuedAt: new Date().toISOString() }]);
        await waitFor(() => hub.stats.byRoute.info.requests >= 1 || undefined, 15_000, "the job to reach the Hub").catch((error: unknown) => {
          throw new Error(`${String(error)}; workers: ${workerLog}`);
        });
        expect((await queue.status("acme/tiny-1b", WEBHOOK_SHA.compliant))?.state).toBe("running");
        first.kill("SIGKILL");
        startWorker();
        const key = `acme/tiny-1b@${WEBHOOK_SHA.compliant}`;
        const result = await waitFor(() => queue.result("acme/tiny-1b", WEBHOOK_SHA.compliant), 20_000, "the second worker's result").catch(async (error: unknown) => {
          throw new Error(`${String(error)}; job: ${JSON.stringify(await queue.status("acme/tiny-1b", WEBHOOK_SHA.compliant))}; workers: ${workerLog}`);
        });
        expect(result.status).toBe("compliant");
        expect(await client.hget(keys.stores, key)).toBe("1");

        // sweep: every model of the author, listed 64 at a time, queued and verified by the surviving worker
        const swept = await runOmrl(["sweep", "--redis", redis.url, "--prefix", prefix, "--author", "fleet", "--hub-url", hub.url, "--format", "json"]);
        expect(swept.stderr).toBe("");
        expect(swept.code).toBe(0);
        expect(JSON.parse(swept.stdout)).toEqual({ listed: FLEET, queued: FLEET, duplicates: 0, upToDate: 0, skipped: [] });
        expect(hub.stats.log.filter((l) => l.url.startsWith("/api/models?")).length).toBe(Math.ceil(FLEET / 64));
        await waitFor(async () => (await queue.depth()).done === FLEET + 1 || undefined, 30_000, "the sweep verified");
        expect((await queue.result("fleet/model-0007"))?.revision).toBe(commitSha("fleet/model-0007"));
        // a second sweep finds every result up to date; a list file with one unknown repo
        const list = join(await mkdtemp(join(tmpdir(), "omrl-sweep-")), "repos.txt");
        await writeFile(list, `# fleet\nfleet/model-0001\nfleet/model-0002@${commitSha("fleet/model-0002")}\nacme/does-not-exist\n`);
        const [again, search] = await Promise.all([
          runOmrl(["sweep", "--redis", redis.url, "--prefix", prefix, "--from-file", list, "--hub-url", hub.url]),
          runOmrl(["sweep", "--redis", redis.url, "--prefix", prefix, "--search", "model-019", "--hub-url", hub.url, "--format", "json"]),
        ]);
        expect(JSON.parse(search.stdout)).toEqual({ listed: 10, queued: 0, duplicates: 0, upToDate: 10, skipped: [] });
        // on a terminal: a progress line redrawn in place, then the summary
        let ttyErr = "";
        let ttyOut = "";
        const code = await runCli(["sweep", "--redis", redis.url, "--prefix", prefix, "--author", "fleet", "--limit", "30", "--hub-url", hub.url], {
          stdout: (t) => void (ttyOut += t),
          stderr: (t) => void (ttyErr += t),
          env: { ...process.env, TERM: "xterm", OMRL_NO_CACHE: "1" },
          cwd: process.cwd(),
          isTTY: true,
          setExitCode: () => undefined,
        });
        expect(code).toBe(0);
        expect(ttyErr).toMatch(/^(\r\x1b\[Ksweep: \d+ listed, \d+ queued, \d+ up to date, \d+ already queued)+\n$/);
        expect(ttyErr.endsWith("\r\x1b[Ksweep: 30 listed, 0 queued, 30 up to date, 0 already queued\n")).toBe(true);
        expect(ttyOut).toBe("30 repos listed: 0 queued, 30 up to date, 0 already queued, 0 skipped\n");
        expect(again.code).toBe(0);
        expect(again.stdout).toContain("3 repos listed: 0 queued, 2 up to date, 0 already queued, 1 skipped");
        expect(again.stdout).toContain("skipped acme/does-not-exist");
        await rm(join(list, ".."), { recursive: true, force: true });
        const bad = await runOmrl(["sweep", "--redis", redis.url, "--author", "a", "--search", "b"]);
        expect(bad.code).toBe(2);
        expect(bad.stderr).toContain("exactly one of --author, --search, --from-file");
      } finally {
        hub.clearFaults();
        for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGTERM");
        await Promise.all(children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once("exit", r)) : undefined)));
        await queue.close();
      }
    });
  });
}
