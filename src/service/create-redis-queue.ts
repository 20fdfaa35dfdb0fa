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

  const jobOptions = (key: string) => ({
    jobId: key,
    attempts,
    backoff: { type: "exponential" as const, delay: backoffMs },
    removeOnComplete: { age: keepDone },
    removeOnFail: false,
  });

  /**
   * Queues a batch in a fixed number of round trips whatever its size (a sweep sends 500 at a
   * time): one pipeline asks which jobs and results exist, the exact state is read only for jobs
   * that exist, then one MULTI adds the new jobs (BullMQ's `addBulk`; an id already added by a
   * racing producer stays one job) and one pipeline records the refs.
   */
  async function enqueueBatch(jobs: readonly ServiceJob[], force: boolean, refsOf: readonly ServiceJob[]): Promise<EnqueueOutcome[]> {
    const keyed = jobs.map((job) => ({ key: jobKey(job.repo, job.revision), data: { ...job, revision: job.revision.toLowerCase() } as ServiceJob }));
    const look = redis.pipeline();
    for (const { key } of keyed) {
      look.exists(queue.toKey(key));
      if (!force) look.exists(keys.result(key));
    }
    const answers = (await look.exec()) ?? [];
    const exists = (i: number): boolean => {
      const [error, value] = answers[i] ?? [new Error("no answer"), 0];
      if (error) throw error;
      return value === 1;
    };
    const outcomes: EnqueueOutcome[] = [];
    const added: { name: string; data: ServiceJob; opts: ReturnType<typeof jobOptions> }[] = [];
    const step = force ? 1 : 2;
    for (let i = 0; i < keyed.length; i++) {
      const { key, data } = keyed[i]!;
      let duplicate = exists(i * step) || (!force && exists(i * step + 1));
      if (force && duplicate) {
        // a job that exists: only a finished one is queued again (waiting or running stays one job)
        const state = await queue.getJobState(key);
        if (state === "completed" || state === "failed") {
          await queue.remove(key);
          duplicate = false;
        } else duplicate = state !== "unknown";
      }
      if (!duplicate) added.push({ name: "verify", data, opts: jobOptions(key) });
      outcomes.push({ jobId: key, duplicate });
    }
    const writes: Promise<unknown>[] = [];
    if (added.length > 0) writes.push(queue.addBulk(added));
    // the refs the push moved, and `@latest` (a sweep's sha is the default branch's head when listed)
    const refs = redis.pipeline();
    for (const job of refsOf) {
      const revision = job.revision.toLowerCase();
      const fields: string[] = [];
      for (const ref of job.refs) fields.push(ref, revision);
      refs.hset(keys.refs(job.repo), ...fields, "@latest", revision);
    }
    writes.push(
      refs.exec().then((results) => {
        const failed = results?.find(([error]) => error);
        if (failed) throw failed[0];
      }),
    );
    await Promise.all(writes);
    return outcomes;
  }

  const service: ServiceQueue = {
    driver: "redis",
    async enqueue(jobs, options = {}) {
      // the same repo@sha twice in one call: one job, the later ones duplicates
      const seen = new Set<string>();
      const unique: ServiceJob[] = [];
      const positions: (number | undefined)[] = [];
      for (const job of jobs) {
        const key = jobKey(job.repo, job.revision);
        if (seen.has(key)) positions.push(undefined);
        else {
          seen.add(key);
          positions.push(unique.length);
          unique.push(job);
        }
      }
      // every job's refs are recorded, a duplicate's too (two refs pushed to one sha)
      const outcomes = unique.length > 0 ? await enqueueBatch(unique, options.force === true, jobs) : [];
      return jobs.map((job, i) => {
        const at = positions[i];
        return at === undefined ? { jobId: jobKey(job.repo, job.revision), duplicate: true } : outcomes[at]!;
      });
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
