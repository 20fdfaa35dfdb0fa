import { InvalidInputError } from "../errors.js";

/** At most `max` jobs started per `durationMs` window. */
export type RateLimit = { max: number; durationMs: number };

/**
 * Parses `N/Ds` or `N/Dms` (`50/1s`, `1000/60s`, `20/500ms`) into a `RateLimit`.
 *
 * @example
 * parseRateLimit("50/1s") // { max: 50, durationMs: 1000 }
 */
export function parseRateLimit(text: string): RateLimit {
  const m = /^(\d{1,7})\/(\d{1,7})(ms|s|m)$/.exec(text.trim());
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) throw new InvalidInputError(`rate limit must look like 50/1s, 1000/60s or 20/500ms, got "${text.slice(0, 40)}"`, { docsPath: "docs/hub-service.md#rate-limit" });
  const unit = m[3] === "ms" ? 1 : m[3] === "s" ? 1000 : 60_000;
  return { max: Number(m[1]), durationMs: Number(m[2]) * unit };
}

/** A fixed-window limiter for one process: `take()` resolves when a job may start. */
export function createRateLimiter(limit: RateLimit): { take(): Promise<void> } {
  let windowStart = 0;
  let used = 0;
  let chain = Promise.resolve();
  return {
    take() {
      const next = chain.then(async () => {
        for (;;) {
          const now = Date.now();
          if (now - windowStart >= limit.durationMs) {
            windowStart = now;
            used = 0;
          }
          if (used < limit.max) {
            used++;
            return;
          }
          await new Promise((r) => setTimeout(r, windowStart + limit.durationMs - now));
        }
      });
      chain = next;
      return next;
    },
  };
}
