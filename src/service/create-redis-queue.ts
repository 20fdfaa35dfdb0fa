import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { InvalidInputError } from "../errors.js";
import type { QueueRetryParameters } from "./create-embedded-queue.js";
import { checkRepo, jobKey } from "./job-key.js";
import { redisKeys } from "./redis-keys.js";
import { DURATION_BUCKETS, emptyCounters } from "./service-counters.js";
import type { DeadLetter, EnqueueOutcome, JobStatus, QueueDepth, ServiceCounters, ServiceJob, ServiceQueue, StoredResult } from "./types.js";

export type CreateRedisQueueParameters = QueueRetryParameters & {
  /** `redis://[user:password@]host:port[/db]` (or `rediss://` for TLS). */
  url: string;
  /** Prefix of every key (default `omrl`): several services can share one Redis. */
  prefix?: string | undefined;
  /** How long finished jobs are kept, so a repeated delivery is recognised (default 7 days). Results are kept for good. */
  keepDoneSeconds?: number | undefined;
};

/** Checks a Redis URL: `redis://` or `rediss://` with a host. */
export function checkRedisUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidInputError(`not a Redis URL: "${url.slice(0, 200)}" (expected redis://host:port)`, { docsPath: "docs/hub-service.md#redis" });
  }
  if ((parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") || !parsed.hostname)
    throw new InvalidInputError(`not a Redis URL: "${url.slice(0, 200)}" (expected redis://host:port)`, { docsPath: "docs/hub-service.md#redis" });
}

/**
 * The producer side of the BullMQ driver: queues jobs (BullMQ job id = `repo@sha`, so duplicate
 * deliveries are one job), and reads results, refs, dead letters, depth and counters from Redis.
 * Workers (`createRedisWorker`, `omrl worker`) run the jobs, on any number of machines. When
 * Redis is unreachable `enqueue` fails at once (no offline buffering) so the webhook answers 503
 * and the Hub delivers again, instead of acknowledging a push it has not stored.
 *
 * @example
 * const queue = await createRedisQueue({ url: "redis://127.0.0.1:6379" });
 * await queue.enqueue([{ repo: "acme/llm", revision: sha, refs: [], origin: "api", queuedAt: new Date().toISOString() }]);
 */
export async function createRedisQueue(parameters: CreateRedisQueueParameters): Promise<ServiceQueue> {
  checkRedisUrl(parameters.url);
  const prefix = parameters.prefix ?? "omrl";
  const keys = redisKeys(prefix);
  const attempts = parameters.attempts ?? 5;
  const backoffMs = parameters.backoffMs ?? 2000;
  const keepDone = parameters.keepDoneSeconds ?? 7 * 24 * 3600;
  const redis = new Redis(parameters.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on("error", () => undefined); // reconnects by itself; failed commands reject
  await redis.connect();
  const queue = new Queue(keys.queue, { connection: redis, prefix });
  await queue.waitUntilReady();

  async function readJson<T>(key: string): Promise<T | undefined> {
    const text = await redis.get(key);
    return text === null ? undefined : (JSON.parse(text) as T);
  }

  async function deadOf(key: string): Promise<DeadLetter | undefined> {
    const job = await queue.getJob(key);
    if (!job || !(await job.isFailed())) return undefined;
    const data = job.data as ServiceJob;
    return { repo: data.repo, revision: data.revision, refs: data.refs, reason: job.failedReason, attempts: Math.max(job.attemptsMade, job.attemptsStarted ?? 0), failedAt: new Date(job.finishedOn ?? Date.now()).toISOString() };
  }

  async function enqueueOne(key: string, job: ServiceJob, force: boolean): Promise<EnqueueOutcome> {
    const data: ServiceJob = { ...job, revision: job.revision.toLowerCase() };
    // two round trips: look (job state, stored result) then write (job, refs), each pair pipelined
    const [state, stored] = await Promise.all([queue.getJobState(key), force ? Promise.resolve(0) : redis.exists(keys.result(key))]);
    let duplicate = state !== "unknown" || stored === 1;
    if (force && (state === "completed" || state === "failed")) {
      await queue.remove(key);
      duplicate = false;
    }
    const writes: Promise<unknown>[] = [];
    if (!duplicate) {
      writes.push(
        queue.add("verify", data, {
          jobId: key,
          attempts,
          backoff: { type: "exponential", delay: backoffMs },
          removeOnComplete: { age: keepDone },
          removeOnFail: false,
        }),
      );
    }
    // the refs the push moved, and `@latest` (a sweep's sha is the default branch's head when listed)
    const fields: string[] = [];
    for (const ref of job.refs) fields.push(ref, data.revision);
    writes.push(redis.hset(keys.refs(job.repo), ...fields, "@latest", data.revision));
    await Promise.all(writes);
    return { jobId: key, duplicate };
  }

  const service: ServiceQueue = {
    driver: "redis",
    async enqueue(jobs, options = {}) {
      // every job of the call at once: ioredis pipelines the commands on its one connection
      const first = new Map<string, Promise<EnqueueOutcome>>();
      const outcomes = jobs.map((job) => {
        const key = jobKey(job.repo, job.revision);
        const running = first.get(key);
        // the same repo@sha twice in one call: one job
        const outcome = running ? running.then(() => ({ jobId: key, duplicate: true })) : enqueueOne(key, job, options.force === true);
        if (!running) first.set(key, outcome);
        return outcome;
      });
      return Promise.all(outcomes);
    },
    async result(repo, revision) {
      checkRepo(repo);
      const sha = revision ?? (await redis.hget(keys.refs(repo), "@latest")) ?? undefined;
      if (!sha) return undefined;
      return readJson<StoredResult>(keys.result(jobKey(repo, sha)));
    },
    async refs(repo) {
      checkRepo(repo);
      return redis.hgetall(keys.refs(repo));
    },
    async status(repo, revision): Promise<JobStatus | undefined> {
      const key = jobKey(repo, revision);
      const stored = await readJson<StoredResult>(keys.result(key));
      const job = await queue.getJob(key);
      if (!job) return stored ? { key, state: "done", attempts: stored.attempts } : undefined;
      const state = await job.getState();
      if (state === "completed") return { key, state: "done", attempts: stored?.attempts ?? job.attemptsMade + 1 };
      if (state === "failed") return { key, state: "dead", attempts: job.attemptsMade, reason: job.failedReason };
      if (state === "active") return { key, state: "running", attempts: job.attemptsMade + 1 };
      if (state === "delayed") return { key, state: "retrying", attempts: job.attemptsMade, reason: job.failedReason };
      return { key, state: "queued", attempts: job.attemptsMade };
    },
    async deadLetter(repo, revision) {
      return deadOf(jobKey(repo, revision));
    },
    async depth(): Promise<QueueDepth> {
      const c = await queue.getJobCounts("waiting", "prioritized", "active", "delayed", "failed", "completed");
      return { waiting: (c.waiting ?? 0) + (c.prioritized ?? 0), active: c.active ?? 0, delayed: c.delayed ?? 0, dead: c.failed ?? 0, done: c.completed ?? 0 };
    },
    async counters() {
      return readCounters(redis, keys.metrics);
    },
    async close() {
      await queue.close();
      await redis.quit().catch(() => undefined);
    },
  };
  return service;
}

/** Reads the counters every worker adds to (`HINCRBY` on one hash). */
async function readCounters(redis: Redis, key: string): Promise<ServiceCounters> {
  const hash = await redis.hgetall(key);
  const counters = emptyCounters();
  for (const [field, value] of Object.entries(hash)) {
    const n = Number(value);
    if (field.startsWith("jobs:")) counters.jobs[field.slice(5)] = n;
    else if (field === "hub_requests") counters.hubRequests = n;
    else if (field === "hub_bytes") counters.hubBytes = n;
    else if (field === "duration_count") counters.duration.count = n;
    else if (field === "duration_sum_ms") counters.duration.sum = n / 1000;
    // cumulative counts written by earlier workers
    else if (field.startsWith("duration_le:") && DURATION_BUCKETS.some((b) => String(b) === field.slice(12))) counters.duration.buckets[field.slice(12)] = (counters.duration.buckets[field.slice(12)] ?? 0) + n;
  }
  // one field per bucket a job fell in (`duration_in:{bound}`): a job counts in its bucket and every larger one
  let below = 0;
  for (const b of DURATION_BUCKETS) {
    below += Number(hash[`duration_in:${b}`] ?? 0);
    counters.duration.buckets[String(b)] = (counters.duration.buckets[String(b)] ?? 0) + below;
  }
  return counters;
}
