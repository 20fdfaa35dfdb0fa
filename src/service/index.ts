// The hub validation service (Node only): queue drivers, the job, the HTTP routes, sweep.
export type { DeadLetter, EnqueueOutcome, JobState, JobStatus, JudgedBy, QueueDepth, ServiceCounters, ServiceJob, ServiceProcessor, ServiceQueue, StoredResult } from "./types.js";
export { TransientHubError } from "./errors.js";
export { jobKey, checkRepo } from "./job-key.js";
export { judgedBy, OMRL_VERSION } from "./judged-by.js";
export { createRevisionProcessor, TRANSIENT_REASONS, type CreateRevisionProcessorParameters } from "./create-revision-processor.js";
export { createEmbeddedQueue, type CreateEmbeddedQueueParameters, type QueueRetryParameters } from "./create-embedded-queue.js";
export { createRedisQueue, checkRedisUrl, type CreateRedisQueueParameters } from "./create-redis-queue.js";
export { createRedisWorker, type CreateRedisWorkerParameters, type RedisWorker } from "./create-redis-worker.js";
export { redisKeys } from "./redis-keys.js";
export { parseRateLimit, createRateLimiter, type RateLimit } from "./rate-limiter.js";
export { emptyCounters, countJob, countingFetch, observeDuration, DURATION_BUCKETS } from "./service-counters.js";
export { formatPrometheus, type ServiceMetrics } from "./format-prometheus.js";
export { renderBadge, type BadgeStatus } from "./render-badge.js";
export { storedResultReport } from "./stored-result-report.js";
export { createHubService, type CreateHubServiceParameters, type HubService } from "./create-hub-service.js";
export { sweepHub, parseRepoList, type SweepHubParameters, type SweepHubReturnType } from "./sweep-hub.js";
