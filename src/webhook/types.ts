import type { ModelSource } from "../sources/index.js";

/**
 * A Hugging Face Hub webhook payload (webhook version 3), as documented in
 * huggingface/hub-docs `docs/hub/webhooks.md`. Only the fields this module reads are typed
 * strictly; everything else is kept as sent.
 */
export type HubWebhookPayload = {
  event: {
    /** `create` | `update` | `delete` | `move` (new actions may appear). */
    action: string;
    /** `repo` | `repo.content` | `repo.config` | `discussion` | `discussion.comment` | narrower scopes. */
    scope: string;
  };
  repo: {
    type: "model" | "dataset" | "space" | (string & {});
    /** `org/name`. */
    name: string;
    id?: string | undefined;
    private?: boolean | undefined;
    url?: { web?: string | undefined; api?: string | undefined } | undefined;
    /** The newest commit on `main`; sent only when `event.scope` starts with `repo`. */
    headSha?: string | undefined;
    tags?: string[] | undefined;
    owner?: { id?: string | undefined } | undefined;
  };
  /** On code changes: every ref the push moved. `oldSha` is null for a new ref, `newSha` null for a deleted one. */
  updatedRefs?: HubUpdatedRef[] | undefined;
  updatedConfig?: Record<string, unknown> | undefined;
  discussion?: Record<string, unknown> | undefined;
  comment?: Record<string, unknown> | undefined;
  webhook?: { id?: string | undefined; version?: number | undefined } | undefined;
};

export type HubUpdatedRef = { ref: string; oldSha: string | null; newSha: string | null };

/** Why a delivery was acknowledged without verifying anything. */
export type WebhookIgnoreReason =
  /** a dataset or a Space */
  | "not-a-model"
  /** discussions, comments, config changes, repo create/delete/move */
  | "not-a-content-update"
  /** every updated ref was deleted, or the filter rejected them all */
  | "no-pushed-revision";

/** One commit to verify: a pushed commit sha and the refs that now point to it. */
export type WebhookRevision = { revision: string; refs: string[] };

/** What a delivery asks for, once parsed: revisions to verify, or a reason to ignore it. */
export type HubWebhookDecision =
  | { action: "verify"; repo: string; revisions: WebhookRevision[] }
  | { action: "ignore"; reason: WebhookIgnoreReason; message: string };

/** The outcome of a verification as the handler sees it. */
export type WebhookVerificationStatus = "compliant" | "violations" | "unverifiable";

/** The minimum the handler needs from a verification report; the full report is passed through. */
export type WebhookReportLike = { status: WebhookVerificationStatus };

/**
 * Verifies an opened, pinned source with the `hub` rule set. The default is `verifyModel`; any
 * function with this shape works (a custom rule set, a different report type).
 */
export type WebhookVerifyFunction<TReport extends WebhookReportLike = WebhookReportLike> = (
  source: ModelSource,
  options: { ruleSet: "hub" },
) => Promise<TReport>;

/** Handed to `onResult` (async mode) and returned in the response body (sync mode). */
export type WebhookVerificationResult<TReport extends WebhookReportLike = WebhookReportLike> = {
  jobId: string;
  /** `org/name`. */
  repo: string;
  /** The pushed commit sha the verification was pinned to. */
  revision: string;
  /** The refs the push moved to this commit (`refs/heads/main`, `refs/tags/v1`, `refs/pr/3`). */
  refs: string[];
  status: WebhookVerificationStatus;
  /** The verifier's report; absent when the source could not even be opened or the verifier failed. */
  report?: TReport | undefined;
  /** Why the repo could not be verified (`reason` is the `SourceReadError` reason: `gated`, `missing`…). */
  error?: { name: string; message: string; reason?: string | undefined } | undefined;
  /** The delivery this job came from. */
  payload: HubWebhookPayload;
};

/** The subset of a Node / Express request the handler reads. */
export type WebhookRequest = {
  method?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  /** Set by body-parsing middleware (Express `json()`, `text()`, `raw()`): used instead of the stream. */
  body?: unknown;
  /** The request body stream (Node's `IncomingMessage` is one). */
  [Symbol.asyncIterator]?: () => AsyncIterator<Uint8Array | string>;
  /** Called when the body is over the cap, to stop reading it. */
  destroy?: ((error?: Error) => unknown) | undefined;
};

/** The subset of a Node / Express response the handler writes. */
export type WebhookResponse = {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body?: string): unknown;
  headersSent?: boolean | undefined;
};
