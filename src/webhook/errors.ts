import { InvalidInputError, type OmrlErrorParameters } from "../errors.js";

/** A webhook delivery whose body is not JSON or not a Hub webhook payload (the handler answers 400). */
export class WebhookPayloadError extends InvalidInputError {
  override name = "WebhookPayloadError";
  constructor(shortMessage: string, parameters: OmrlErrorParameters & { location?: string } = {}) {
    super(shortMessage, { docsPath: "docs/webhook.md#payload", ...parameters });
  }
}
