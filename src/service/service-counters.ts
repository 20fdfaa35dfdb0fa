import type { ServiceCounters } from "./types.js";

/** Upper bounds (seconds) of the job duration histogram. */
export const DURATION_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] as const;

/** Empty counters. */
export function emptyCounters(): ServiceCounters {
  return { jobs: {}, hubRequests: 0, hubBytes: 0, duration: { count: 0, sum: 0, buckets: Object.fromEntries(DURATION_BUCKETS.map((b) => [String(b), 0])) } };
}

/** Adds one finished job (its outcome and duration) to `counters`. */
export function countJob(counters: ServiceCounters, outcome: string, seconds?: number): void {
  counters.jobs[outcome] = (counters.jobs[outcome] ?? 0) + 1;
  if (seconds !== undefined) observeDuration(counters.duration, seconds);
}

/** Adds one observation to a duration histogram. */
export function observeDuration(histogram: ServiceCounters["duration"], seconds: number): void {
  histogram.count++;
  histogram.sum += seconds;
  for (const b of DURATION_BUCKETS) if (seconds <= b) histogram.buckets[String(b)] = (histogram.buckets[String(b)] ?? 0) + 1;
}

/**
 * A `fetch` that counts requests and response bytes (the body as read, or `Content-Length` when
 * the body is not read) into `counters`.
 */
export function countingFetch(counters: ServiceCounters, inner: typeof fetch = globalThis.fetch): typeof fetch {
  return async (input, init) => {
    counters.hubRequests++;
    const response = await inner(input, init);
    const length = Number(response.headers.get("content-length"));
    if (Number.isFinite(length) && length > 0) counters.hubBytes += length;
    return response;
  };
}
