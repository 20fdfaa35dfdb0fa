import { verifyModel, type VerifyModelReturnType } from "../rules/index.js";
import type { WebhookVerifyFunction } from "./types.js";

/** The verifier used when none is passed: `verifyModel` with the `hub` rule set (no repo config applied). */
export const defaultVerify: WebhookVerifyFunction<VerifyModelReturnType> = (source, options) => verifyModel(source, { ruleSet: options.ruleSet });
