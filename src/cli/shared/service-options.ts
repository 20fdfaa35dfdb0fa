import { InvalidInputError } from "../../errors.js";
import { countingFetch, createRevisionProcessor, emptyCounters, parseRateLimit, type RateLimit, type ServiceCounters, type ServiceProcessor } from "../../service/index.js";
import { hubOptionsFromEnv } from "../../sources/hub/node/index.js";

/** Options `serve`, `worker` and `sweep` share. */
export type ServiceCliOptions = {
  redis?: string;
  prefix?: string;
  hubUrl?: string;
  hubRetries?: string;
  concurrency?: string;
  attempts?: string;
  backoffMs?: string;
  rateLimit?: string;
  hubConcurrency?: string;
};

/** A whole number in [min, max] from a flag, or the default. */
export function intOption(value: string | undefined, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,9}$/.test(value) || Number(value) < min || Number(value) > max) throw new InvalidInputError(`${name} must be an integer from ${min} to ${max}, got "${value.slice(0, 40)}"`);
  return Number(value);
}

export function rateLimitOption(value: string | undefined): RateLimit | undefined {
  return value === undefined || value === "none" ? undefined : parseRateLimit(value);
}

/**
 * The job every worker runs, with Hub access from the flags and `HF_ENDPOINT`/`HF_TOKEN`, counting Hub traffic.
 * HTTP requests in flight toward the Hub (`--hub-concurrency`) default to 4 per job run at once
 * (`jobs`, else `--concurrency`, else 2): a job reads up to 4 shard headers at once, and with the
 * Hub tens of milliseconds away a tighter bound, not the CPU, would set the throughput.
 */
export function processorFromOptions(options: ServiceCliOptions, env: NodeJS.ProcessEnv, jobs?: number): { process: ServiceProcessor; counters: ServiceCounters } {
  const counters = emptyCounters();
  const hub = hubOptionsFromEnv(env);
  const maxRetries = intOption(options.hubRetries, "--hub-retries", 0, 10, 2);
  const running = jobs ?? (options.concurrency !== undefined && /^\d{1,4}$/.test(options.concurrency) && Number(options.concurrency) > 0 ? Number(options.concurrency) : 2);
  const concurrency = intOption(options.hubConcurrency, "--hub-concurrency", 1, 4000, Math.min(4000, Math.max(4, 4 * running)));
  return {
    counters,
    process: createRevisionProcessor({ hub: { ...hub, hubUrl: options.hubUrl ?? hub.hubUrl, fetch: countingFetch(counters), maxRetries, concurrency } }),
  };
}

/** Resolves when the process is asked to stop (SIGINT, SIGTERM). */
export function untilStopped(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve(signal);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
