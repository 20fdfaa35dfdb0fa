import { spawn, type ChildProcess } from "node:child_process";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedisQueue, redisKeys } from "../../src/service/index.js";
import { CLI_PATH } from "../helpers/cli.js";
import { startHubServer, type HubServer } from "../helpers/hub-server/index.js";
import { redisMissing, startRedis, type RedisServer } from "../helpers/redis.js";
import { smallRepos } from "./fixtures.js";
import { waitFor } from "./service-helpers.js";

/**
 * Splits job starts (Redis clock, ms) into the windows of a fixed-window limiter that opens a
 * window at the first start after the previous one closed — BullMQ's global limiter: the first
 * job of a window sets a counter key that expires `durationMs` later.
 */
function limiterWindows(starts: readonly number[], durationMs: number): { from: number; starts: number }[] {
  const sorted = [...starts].sort((a, b) => a - b);
  const windows: { from: number; starts: number }[] = [];
  for (const t of sorted) {
    const last = windows.at(-1);
    if (last && t < last.from + durationMs) last.starts++;
    else windows.push({ from: t, starts: 1 });
  }
  return windows;
}

// Real redis-server (Debian package) and two real `omrl worker` processes; `apt-get install redis-server` when absent.
const missing = redisMissing();
if (missing) {
  describe("one Hub rate limit shared by every worker process", () => {
    it("needs redis-server", () => {
      throw new Error(missing);
    });
  });
} else {
  describe("one Hub rate limit shared by every worker process", () => {
    let hub: HubServer;
    let redis: RedisServer;
    const JOBS = 40;
    const MAX = 10;
    const WINDOW_MS = 1000;

    beforeAll(async () => {
      hub = await startHubServer({ repos: smallRepos(JOBS, "limited") });
      redis = await startRedis();
    });
    afterAll(async () => {
      await redis?.stop();
      await hub?.close();
    });

    it("limiterWindows opens a window at the first start after the last one closed", () => {
      expect(limiterWindows([0, 10, 999, 1000, 1500, 2100, 1999], 1000)).toEqual([
        { from: 0, starts: 3 },
        { from: 1000, starts: 3 },
        { from: 2100, starts: 1 },
      ]);
      expect(limiterWindows([], 1000)).toEqual([]);
    });

    it(`two omrl worker processes with --rate-limit ${MAX}/1s start at most ${MAX} jobs a window together, and both take jobs`, async () => {
      const prefix = "limited";
      const keys = redisKeys(prefix);
      const queue = await createRedisQueue({ url: redis.url, prefix, attempts: 1 });
      const client = new Redis(redis.url);
      const children: ChildProcess[] = [];
      const logs = ["", ""];
      try {
        // both workers up (each could run 16 at once: only the shared limit holds them back), then 40 jobs at once
        await Promise.all(
          [0, 1].map(
            (i) =>
              new Promise<void>((resolve, reject) => {
                const child = spawn(
                  process.execPath,
                  [CLI_PATH, "worker", "--redis", redis.url, "--prefix", prefix, "--name", `w${i}`, "--hub-url", hub.url, "--concurrency", "16", "--rate-limit", `${MAX}/1s`, "--hub-retries", "0"],
                  { env: { ...process.env, OMRL_NO_CACHE: "1", NO_COLOR: "1" }, stdio: ["ignore", "ignore", "pipe"] },
                );
                children.push(child);
                child.stderr!.setEncoding("utf8").on("data", (d: string) => {
                  logs[i] += d;
                  if (logs[i]!.includes("running up to")) resolve();
                });
                child.once("exit", (code) => reject(new Error(`worker w${i} exited with ${code}: ${logs[i]}`)));
              }),
          ),
        );
        const repos = smallRepos(JOBS, "limited");
        const queuedAt = new Date().toISOString();
        await queue.enqueue(repos.map((r) => ({ repo: r.id, revision: r.commits[0]!.sha, refs: [], origin: "api" as const, queuedAt })));
        await waitFor(async () => (await queue.depth()).done === JOBS || undefined, 12_000, `${JOBS} jobs done`).catch(async (error: unknown) => {
          throw new Error(`${String(error)}; depth ${JSON.stringify(await queue.depth())}; workers: ${logs.join(" | ")}`);
        });

        // every move to active, on Redis' own clock (the id of BullMQ's `active` event is its Redis time in ms)
        const events = (await client.xrange(`${prefix}:${keys.queue}:events`, "-", "+")) as [string, string[]][];
        const starts = events.filter(([, fields]) => fields[0] === "event" && fields[1] === "active").map(([id]) => Number(id.split("-")[0]));
        expect(starts).toHaveLength(JOBS);
        const windows = limiterWindows(starts, WINDOW_MS);
        // no window of the shared limiter holds more than MAX starts across both workers (each worker alone would allow MAX)
        expect(windows.every((w) => w.starts <= MAX), JSON.stringify(windows)).toBe(true);
        expect(windows.length).toBeGreaterThanOrEqual(JOBS / MAX);
        // what follows from the limit alone: 40 starts need 4 windows, so the last starts ≥ 3 s after the first
        expect(Math.max(...starts) - Math.min(...starts)).toBeGreaterThanOrEqual(((JOBS / MAX) - 1) * WINDOW_MS);

        // the Hub saw the jobs in the same bursts: every job reads its repo once through `info` and both workers took jobs
        const infos = hub.stats.log.filter((l) => l.route === "info").length;
        expect(infos).toBe(JOBS);
        const byWorker: Record<string, number> = {};
        for (const r of repos) {
          const job = await client.hget(`${prefix}:${keys.queue}:${r.id}@${r.commits[0]!.sha}`, "pb");
          byWorker[String(job)] = (byWorker[String(job)] ?? 0) + 1;
        }
        expect(Object.keys(byWorker).sort(), JSON.stringify(byWorker)).toEqual(["w0", "w1"]);
        expect(byWorker.w0! + byWorker.w1!).toBe(JOBS);
        expect((await queue.counters()).jobs).toEqual({ compliant: JOBS });
      } finally {
        for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGTERM");
        await Promise.all(children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once("exit", r)) : undefined)));
        await client.quit();
        await queue.close();
      }
    }, 20_000);
  });
}
