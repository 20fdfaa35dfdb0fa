import { OmrlError } from "../errors.js";
import type { WebhookVerifyFunction } from "./types.js";

/**
 * The verifier used when none is passed. The one-call `verifyModel` of `src/rules` has not landed
 * yet; until it does, the handler reports every commit as unverifiable with this reason.
 */
export const defaultVerify: WebhookVerifyFunction = async () => {
  throw new OmrlError("no verifier configured: pass `verify` to createWebhookHandler", { docsPath: "docs/webhook.md#verify" });
};
