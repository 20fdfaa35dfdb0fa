import { WebhookPayloadError } from "./errors.js";

/** The body is larger than the handler accepts (answered with 413). */
export class WebhookBodyTooLargeError extends WebhookPayloadError {
  override name = "WebhookBodyTooLargeError";
  readonly maxBytes: number;
  constructor(maxBytes: number) {
    super(`request body is larger than ${maxBytes} bytes`);
    this.maxBytes = maxBytes;
  }
}

const encoder = new TextEncoder();

/**
 * Collects a body stream into one buffer, refusing it as soon as it passes `maxBytes` (nothing
 * past the cap is kept). It reads through `next()` and never calls `return()`: on Node, ending the
 * iteration early destroys the request socket, and the 413 answer would never reach the sender.
 */
export async function collectBody(iterator: AsyncIterator<Uint8Array | string>, maxBytes: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const step = await iterator.next();
    if (step.done) break;
    const chunk = typeof step.value === "string" ? encoder.encode(step.value) : step.value;
    total += chunk.byteLength;
    if (total > maxBytes) throw new WebhookBodyTooLargeError(maxBytes);
    chunks.push(chunk);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** An async iterator over a WHATWG `ReadableStream` (not every runtime makes streams iterable). */
export function readableStreamIterator(stream: ReadableStream<Uint8Array>): AsyncIterator<Uint8Array> {
  const reader = stream.getReader();
  return {
    async next() {
      const step = await reader.read();
      return step.done ? { done: true, value: undefined } : { done: false, value: step.value };
    },
  };
}

/** Refuses a declared `Content-Length` over the cap before reading a byte. */
export function checkContentLength(value: string | null | undefined, maxBytes: number): void {
  if (value === null || value === undefined || value === "") return;
  const length = Number(value);
  if (Number.isFinite(length) && length > maxBytes) throw new WebhookBodyTooLargeError(maxBytes);
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/** Parses a body as UTF-8 JSON; anything else is a `WebhookPayloadError` (400). */
export function parseJsonBody(bytes: Uint8Array | string): unknown {
  let text: string;
  try {
    text = typeof bytes === "string" ? bytes : decoder.decode(bytes);
  } catch (cause) {
    throw new WebhookPayloadError("request body is not UTF-8", { cause });
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new WebhookPayloadError("request body is not valid JSON", { details: cause instanceof Error ? cause.message : String(cause), cause });
  }
}
