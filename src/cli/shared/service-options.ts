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

/** The job every worker runs, with Hub access from the flags and `HF_ENDPOINT`/`HF_TOKEN`, counting Hub traffic. */
export function processorFromOptions(options: ServiceCliOptions, env: NodeJS.ProcessEnv): { process: ServiceProcessor; counters: ServiceCounters } {
  const counters = emptyCounters();
  const hub = hubOptionsFromEnv(env);
  const maxRetries = intOption(options.hubRetries, "--hub-retries", 0, 10, 2);
  return {
    counters,
    process: createRevisionProcessor({ hub: { ...hub, hubUrl: options.hubUrl ?? hub.hubUrl, fetch: countingFetch(counters), maxRetries } }),
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
