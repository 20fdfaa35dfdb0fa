import { hostname } from "node:os";
import { Worker, type Job } from "bullmq";
import { Redis } from "ioredis";
import { InvalidInputError } from "../errors.js";
import { checkRedisUrl } from "./create-redis-queue.js";
import { jobKey } from "./job-key.js";
import type { RateLimit } from "./rate-limiter.js";
import { redisKeys } from "./redis-keys.js";
import { DURATION_BUCKETS, emptyCounters } from "./service-counters.js";
import type { DeadLetter, ServiceCounters, ServiceJob, ServiceProcessor, StoredResult } from "./types.js";

export type CreateRedisWorkerParameters = {
  url: string;
  /** Must match the queue's prefix (default `omrl`). */
  prefix?: string | undefined;
  /** Runs a job (`createRevisionProcessor`). */
  process: ServiceProcessor;
  /**
   * This worker's name, kept on every job it takes (BullMQ's `processedBy`), so an operator can
   * tell which process ran a job (default `{hostname}:{pid}`).
   */
  name?: string | undefined;
  /** Jobs this worker runs at once (default 4). */
  concurrency?: number | undefined;
  /** One limit for every worker of the queue (BullMQ's global limiter), toward the Hub. */
  rateLimit?: RateLimit | undefined;
  /** A job whose worker stops renewing its lock for this long is given to another worker (default 30 000 ms). */
  lockDurationMs?: number | undefined;
  /**
   * The counters `process` adds Hub requests and bytes to (pass the same object to
   * `countingFetch`); this worker adds job outcomes and durations and flushes them to Redis.
   */
  counters?: ServiceCounters | undefined;
  onResult?: ((result: StoredResult) => void | Promise<void>) | undefined;
  onDeadLetter?: ((dead: DeadLetter) => void | Promise<void>) | undefined;
  onError?: ((error: unknown) => void) | undefined;
};

export type RedisWorker = {
  /** Stops taking jobs and waits for the running ones (`force`: do not wait; they are retried elsewhere). */
  close(force?: boolean): Promise<void>;
};

/**
 * A BullMQ worker that runs verification jobs and stores each result in Redis (`{prefix}:result:{repo@sha}`)
 * before the job completes, so a worker killed at any point loses nothing: its job's lock expires
 * and another worker runs it again, storing the same result under the same key. A transient Hub
 * failure is retried with exponential backoff; after the queue's `attempts` the job stays in
 * BullMQ's failed set — the dead letter — with the reason.
 *
 * @example
 * const worker = await createRedisWorker({ url, process: createRevisionProcessor({ hub }), concurrency: 8 });
 */
export async function createRedisWorker(parameters: CreateRedisWorkerParameters): Promise<RedisWorker> {
  checkRedisUrl(parameters.url);
  const concurrency = parameters.concurrency ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 1000) throw new InvalidInputError(`concurrency must be an integer from 1 to 1000, got ${concurrency}`);
  const prefix = parameters.prefix ?? "omrl";
  const keys = redisKeys(prefix);
  const counters = parameters.counters ?? emptyCounters();
  const onError = parameters.onError ?? ((error: unknown) => console.error("omrl worker:", error));
  const lockDuration = parameters.lockDurationMs ?? 30_000;
  const name = parameters.name ?? `${hostname()}:${process.pid}`;
  if (name.length === 0 || name.length > 200) throw new InvalidInputError(`worker name must be 1 to 200 characters, got ${name.length}`);
  // BullMQ's blocking connection must retry forever (maxRetriesPerRequest: null)
  const connection = new Redis(parameters.url, { maxRetriesPerRequest: null });
  connection.on("error", () => undefined);
  // results and counters go through a second, plain connection: a MULTI on BullMQ's connection
  // copies every BullMQ script onto the pipeline (≈ 0.1 ms CPU a job in a profile of the sweep bench)
  const writer = new Redis(parameters.url, { maxRetriesPerRequest: null });
  writer.on("error", () => undefined);
  const flushed = { hubRequests: 0, hubBytes: 0 };

  async function flush(outcome: string | undefined, ms: number | undefined, extra?: (multi: ReturnType<Redis["multi"]>) => void): Promise<void> {
    const multi = writer.multi();
    extra?.(multi);
    if (outcome) multi.hincrby(keys.metrics, `jobs:${outcome}`, 1);
    const requests = counters.hubRequests - flushed.hubRequests;
    const bytes = counters.hubBytes - flushed.hubBytes;
    flushed.hubRequests += requests;
    flushed.hubBytes += bytes;
    if (requests) multi.hincrby(keys.metrics, "hub_requests", requests);
    if (bytes) multi.hincrby(keys.metrics, "hub_bytes", bytes);
    if (ms !== undefined) {
      multi.hincrby(keys.metrics, "duration_count", 1);
      multi.hincrby(keys.metrics, "duration_sum_ms", Math.round(ms));
      // one field per job (its own bucket); readers add the buckets up into Prometheus' cumulative `le` counts
      const bucket = DURATION_BUCKETS.find((b) => ms / 1000 <= b);
      if (bucket !== undefined) multi.hincrby(keys.metrics, `duration_in:${bucket}`, 1);
    }
    await multi.exec();
  }

  const worker = new Worker<ServiceJob>(
    keys.queue,
    async (job: Job<ServiceJob>) => {
      const started = performance.now();
      const key = jobKey(job.data.repo, job.data.revision);
      let result: StoredResult;
      try {
        result = await parameters.process(job.data, { attempt: job.attemptsStarted || job.attemptsMade + 1 });
      } catch (error) {
        // BullMQ keeps `message` as the failed reason: the short one, without the docs line
        const short = (error as { shortMessage?: unknown }).shortMessage;
        throw typeof short === "string" ? new Error(short, { cause: error }) : error;
      }
      const ms = performance.now() - started;
      // stored before the job completes: a crash after this line re-runs the job, which stores the same result
      await flush(result.status, ms, (multi) => {
        multi.set(keys.result(key), JSON.stringify(result));
        multi.hincrby(keys.stores, key, 1);
      });
      try {
        await parameters.onResult?.(result);
      } catch (error) {
        onError(error);
      }
      return { status: result.status };
    },
    {
      connection,
      prefix,
      name,
      concurrency,
      lockDuration,
      stalledInterval: Math.max(500, Math.floor(lockDuration / 2)),
      maxStalledCount: 3,
      ...(parameters.rateLimit ? { limiter: { max: parameters.rateLimit.max, duration: parameters.rateLimit.durationMs } } : {}),
    },
  );
  worker.on("error", onError);
  worker.on("failed", (job, error) => {
    if (!job) return;
    const attempts = job.opts.attempts ?? 1;
    const dead = job.attemptsMade >= attempts;
    void flush(dead ? "dead" : "retried", undefined)
      .then(async () => {
        if (!dead) return;
        const data = job.data;
        await parameters.onDeadLetter?.({ repo: data.repo, revision: data.revision, refs: data.refs, reason: error.message, attempts: job.attemptsMade, failedAt: new Date().toISOString() });
      })
      .catch(onError);
  });
  await worker.waitUntilReady();
  return {
    async close(force = false) {
      await worker.close(force);
      await Promise.all([connection.quit().catch(() => undefined), writer.quit().catch(() => undefined)]);
    },
  };
}
