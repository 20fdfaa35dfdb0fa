import { OmrlError, type OmrlErrorParameters } from "../errors.js";

/**
 * The Hub failed in a way that may pass (HTTP 5xx or 429 after the fetch's own retries, a network
 * error): the queue retries the job with backoff, then dead-letters it with this message.
 */
export class TransientHubError extends OmrlError {
  override name = "TransientHubError";
  readonly reason: string;
  constructor(shortMessage: string, parameters: OmrlErrorParameters & { reason?: string } = {}) {
    super(shortMessage, { docsPath: "docs/hub-service.md#retries", ...parameters });
    this.reason = parameters.reason ?? "network";
  }
}
