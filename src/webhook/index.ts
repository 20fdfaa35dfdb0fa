export {
  createWebhookHandler,
  DEFAULT_WEBHOOK_MAX_BODY_BYTES,
  WEBHOOK_SECRET_HEADER,
  type CreateWebhookHandlerParameters,
  type WebhookAnswer,
  type WebhookDelivery,
  type WebhookHandler,
} from "./create-webhook-handler.js";
export { parseHubWebhookPayload, decideHubWebhook, type DecideHubWebhookParameters } from "./parse-hub-webhook-payload.js";
export { timingSafeEqual, secretMatches } from "./timing-safe-equal.js";
export { WebhookPayloadError } from "./errors.js";
export { WebhookBodyTooLargeError } from "./read-body.js";
export type {
  HubWebhookPayload,
  HubUpdatedRef,
  HubWebhookDecision,
  WebhookIgnoreReason,
  WebhookRevision,
  WebhookVerificationStatus,
  WebhookReportLike,
  WebhookVerifyFunction,
  WebhookVerificationResult,
  WebhookRequest,
  WebhookResponse,
} from "./types.js";
