import { SourceReadError } from "../errors.js";

export type CreateRetryingFetchParameters = {
  /** The fetch to wrap (default: the global `fetch`). */
  fetch?: typeof fetch | undefined;
  /** Retries after the first attempt on 429, 5xx, network errors, time-outs and short bodies. Default 4. */
  maxRetries?: number | undefined;
  /** First backoff step; doubles each retry, with full jitter. Default 250 ms. */
  baseDelayMs?: number | undefined;
  /** Largest backoff step. Default 8 s. */
  maxDelayMs?: number | undefined;
  /** A `Retry-After` longer than this is not waited for: the response is returned as is. Default 60 s. */
  maxRetryAfterMs?: number | undefined;
  /** Per attempt, from request to the end of the body. Default 30 s. */
  timeoutMs?: number | undefined;
  /** Requests in flight at once. Default 4. */
  concurrency?: number | undefined;
  /** Largest body accepted; a larger one fails with reason `too-large` (not retried). Default 64 MiB. */
  maxResponseBytes?: number | undefined;
  /** For tests: the jitter source in [0, 1). */
  random?: (() => number) | undefined;
  /** Called before each retry wait. */
  onRetry?: ((info: { attempt: number; delayMs: number; reason: string; url: string }) => void) | undefined;
};

const RETRY_STATUS = (status: number) => status === 408 || status === 429 || (status >= 500 && status !== 501);
const NULL_BODY_STATUS = new Set([101, 204, 205, 304]);

/**
 * Wraps `fetch` with what talking to the Hub needs and `@huggingface/hub` does not do itself:
 * time-outs (per attempt, through `AbortSignal`), retries with exponential backoff and full jitter
 * on 408/429/5xx and network errors, `Retry-After` honoured (seconds or HTTP date), a bound on
 * requests in flight, and a cap on body size. The returned response's body is already read, so a
 * truncated body (fewer bytes than `Content-Length`, or a dropped connection) is retried like a 5xx.
 *
 * @example
 * const fetch = createRetryingFetch({ maxRetries: 3, timeoutMs: 10_000, concurrency: 4 });
 * await modelInfo({ name: "acme/llm", fetch });
 */
export function createRetryingFetch(parameters: CreateRetryingFetchParameters = {}): typeof fetch {
  const base = parameters.fetch ?? ((input, init) => fetch(input, init));
  const maxRetries = parameters.maxRetries ?? 4;
  const baseDelayMs = parameters.baseDelayMs ?? 250;
  const maxDelayMs = parameters.maxDelayMs ?? 8_000;
  const maxRetryAfterMs = parameters.maxRetryAfterMs ?? 60_000;
  const timeoutMs = parameters.timeoutMs ?? 30_000;
  const maxResponseBytes = parameters.maxResponseBytes ?? 64 * 1024 * 1024;
  const random = parameters.random ?? Math.random;
  const semaphore = createSemaphore(parameters.concurrency ?? 4);

  const retryingFetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const callerSignal = init.signal ?? undefined;
    let lastError: unknown;
    for (let attempt = 0; ; attempt++) {
      const release = await semaphore.acquire();
      let retryReason: string;
      let retryAfterMs: number | undefined;
      try {
        const timeout = AbortSignal.timeout(timeoutMs);
        const signal = callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout;
        try {
          const response = await base(input, { ...init, signal });
          if (RETRY_STATUS(response.status) && attempt < maxRetries) {
            retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
            await response.body?.cancel().catch(() => {});
            if (retryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs) {
              // the server asks for longer than we wait: hand back its answer
              return new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers });
            }
            retryReason = `HTTP ${response.status}`;
          } else {
            return await bufferResponse(response, maxResponseBytes, url);
          }
        } catch (error) {
          if (callerSignal?.aborted) throw error;
          if (error instanceof SourceReadError && error.reason === "too-large") throw error;
          lastError = error;
          retryReason = error instanceof Error ? (error.name === "TimeoutError" ? `timed out after ${timeoutMs} ms` : error.message) : String(error);
          if (attempt >= maxRetries) break;
        }
      } finally {
        release();
      }
      const backoff = random() * Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
      const delayMs = retryAfterMs !== undefined ? retryAfterMs : backoff;
      parameters.onRetry?.({ attempt: attempt + 1, delayMs, reason: retryReason, url });
      await sleep(delayMs, callerSignal);
    }
    throw new SourceReadError(`network error after ${maxRetries + 1} attempts: ${describe(lastError)}`, {
      reason: "network",
      details: `URL: ${url}`,
      cause: lastError,
    });
  };
  return retryingFetch as typeof fetch;
}

/** Reads the whole body (bounded) so that short bodies surface here, where they can be retried. */
async function bufferResponse(response: Response, maxBytes: number, url: string): Promise<Response> {
  const init = { status: response.status, statusText: response.statusText, headers: response.headers };
  if (NULL_BODY_STATUS.has(response.status) || !response.body) return withUrl(new Response(null, init), response.url);
  const declared = response.headers.get("content-length");
  const declaredLength = declared !== null && !response.headers.get("content-encoding") ? Number(declared) : undefined;
  if (declaredLength !== undefined && declaredLength > maxBytes) {
    await response.body.cancel().catch(() => {});
    throw tooLarge(url, declaredLength, maxBytes);
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(url, total, maxBytes);
    }
    chunks.push(value);
  }
  if (declaredLength !== undefined && Number.isFinite(declaredLength) && total !== declaredLength) {
    throw new Error(`body of ${total} bytes does not match Content-Length ${declaredLength}`);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return withUrl(new Response(body, init), response.url);
}

function withUrl(response: Response, url: string): Response {
  // `new Response` has an empty url; the Hub client reads it after redirects
  Object.defineProperty(response, "url", { value: url });
  return response;
}

function tooLarge(url: string, size: number, max: number): SourceReadError {
  return new SourceReadError(`response too large: more than ${max} bytes`, { reason: "too-large", details: `URL: ${url}; got ${size} bytes` });
}

/** `Retry-After` in milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** A counting semaphore: `acquire()` resolves to a release function. */
export function createSemaphore(limit: number): { acquire(): Promise<() => void> } {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency must be a positive integer, got ${limit}`);
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    active--;
    const next = waiting.shift();
    if (next) {
      active++;
      next();
    }
  };
  return {
    acquire() {
      if (active < limit) {
        active++;
        return Promise.resolve(once(release));
      }
      return new Promise((resolve) => waiting.push(() => resolve(once(release))));
    },
  };
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (!done) {
      done = true;
      fn();
    }
  };
}
