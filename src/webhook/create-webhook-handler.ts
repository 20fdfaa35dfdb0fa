import { InvalidInputError } from "../errors.js";
import { createHubSourceOpener, createSemaphore, type OpenHubSourceParameters } from "../sources/hub/index.js";
import type { VerifyModelReturnType } from "../rules/index.js";
import type { ModelSource } from "../sources/index.js";
import { defaultVerify } from "./default-verify.js";
import { WebhookPayloadError } from "./errors.js";
import { decideHubWebhook } from "./parse-hub-webhook-payload.js";
import { parseHubWebhookPayload } from "./parse-hub-webhook-payload.js";
import { checkContentLength, collectBody, parseJsonBody, readableStreamIterator, WebhookBodyTooLargeError } from "./read-body.js";
import { secretMatches } from "./timing-safe-equal.js";
import type {
  HubWebhookPayload,
  WebhookReportLike,
  WebhookRequest,
  WebhookResponse,
  WebhookRevision,
  WebhookVerificationResult,
  WebhookVerifyFunction,
} from "./types.js";

/** Default body cap: Hub payloads are a few KiB. */
export const DEFAULT_WEBHOOK_MAX_BODY_BYTES = 1024 * 1024;
/** The header the Hub sends the webhook secret in. */
export const WEBHOOK_SECRET_HEADER = "x-webhook-secret";

export type CreateWebhookHandlerParameters<TReport extends WebhookReportLike = VerifyModelReturnType> = {
  /** The webhook's secret (ASCII, as set in the Hub's webhook settings). A list accepts any of them, for rotation. */
  secret: string | readonly string[];
  /**
   * `async` (default): answer 202 with a job id at once and verify in the background, handing each
   * result to `onResult` — the Hub waits only a few seconds for an answer. `sync`: verify before
   * answering and return the results in a 200 body (small repos, tests, serverless platforms that
   * stop work after the response).
   */
  mode?: "async" | "sync" | undefined;
  /** Called once per verified commit (both modes): open a discussion, set a status, store the report. */
  onResult?: ((result: WebhookVerificationResult<TReport>) => void | Promise<void>) | undefined;
  /** Called when `onResult` throws or the handler fails unexpectedly (default: `console.error`). */
  onError?: ((error: unknown) => void) | undefined;
  /** Verifies one pinned source (default: `verifyModel` with the `hub` rule set). */
  verify?: WebhookVerifyFunction<TReport> | undefined;
  /** Hub access for the default source opener: `hubUrl`, `accessToken`, `fetch`, `cache`, retries… */
  hub?: OpenHubSourceParameters | undefined;
  /** Opens `hf:org/name@<sha>` (default: `createHubSourceOpener(hub)`, shared by every job). */
  openSource?: ((spec: string) => Promise<ModelSource>) | undefined;
  /** Which pushed refs to verify (default: all — branches, tags and `refs/pr/N`). */
  refFilter?: ((ref: string) => boolean) | undefined;
  /** Largest body accepted (default 1 MiB); larger is answered 413. */
  maxBodyBytes?: number | undefined;
  /** Verifications run at once (default 2). */
  concurrency?: number | undefined;
  /** Verifications queued or running before new deliveries are answered 503 (default 100). */
  maxPendingJobs?: number | undefined;
  /**
   * Hands the revisions to a durable queue instead of verifying in this process (async mode only;
   * `omrl serve` passes its queue driver here). The delivery is answered 202 only after this
   * resolves; when it throws (the queue is unreachable) the answer is 503 with `Retry-After`, so
   * the Hub delivers again. `verify`, `openSource`, `onResult`, `concurrency` and
   * `maxPendingJobs` do not apply: the queue's workers verify.
   */
  enqueue?: ((repo: string, revisions: WebhookRevision[], payload: HubWebhookPayload) => Promise<{ jobId: string }[]>) | undefined;
};

/** What the handler answers, before it is written to a response. */
export type WebhookAnswer = { status: number; headers: Record<string, string>; body: Record<string, unknown> };

/** A request in neutral form: adapters build one from Node, Express or Fetch requests. */
export type WebhookDelivery = {
  method: string;
  header(name: string): string | undefined;
  /** The parsed JSON body, read lazily (after the secret check) and within the size cap. */
  json(): Promise<unknown>;
};

export type WebhookHandler<TReport extends WebhookReportLike = VerifyModelReturnType> = {
  /** A plain `(req, res)` handler for `node:http`, Express, Connect, Fastify's raw objects and the like. */
  (req: WebhookRequest, res: WebhookResponse): Promise<void>;
  /** The same handler for Fetch API runtimes (Deno, Bun, Cloudflare Workers, Next.js route handlers). */
  fetch(request: Request): Promise<Response>;
  /** The protocol-neutral core the two adapters share. */
  handle(delivery: WebhookDelivery): Promise<WebhookAnswer>;
  /** Resolves when every queued and running verification has finished and its `onResult` returned. */
  idle(): Promise<void>;
};

type Job<TReport extends WebhookReportLike> = { jobId: string; done: Promise<WebhookVerificationResult<TReport>> };

let jobCounter = 0;
function newJobId(): string {
  const uuid = globalThis.crypto?.randomUUID?.();
  return uuid ?? `job-${Date.now().toString(36)}-${(++jobCounter).toString(36)}`;
}

function describeError(error: unknown): { name: string; message: string; reason?: string | undefined } {
  if (error instanceof Error) {
    const reason = (error as { reason?: unknown }).reason;
    const shortMessage = (error as { shortMessage?: unknown }).shortMessage;
    return {
      name: error.name,
      message: typeof shortMessage === "string" ? shortMessage : error.message,
      ...(typeof reason === "string" ? { reason } : {}),
    };
  }
  return { name: "Error", message: String(error) };
}

const json = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): WebhookAnswer => ({ status, headers, body });

/**
 * A Hugging Face Hub webhook endpoint that validates licences on push. It checks the
 * `X-Webhook-Secret` header in constant time (401 when missing or wrong, without saying which),
 * reads at most `maxBodyBytes` (413), parses the payload (400), acknowledges events that are not
 * content updates of a model repo with 202 `ignored` and the reason, and verifies every pushed
 * commit — pinned to its sha — with the `hub` rule set.
 *
 * @example
 * import { createServer } from "node:http";
 * import { createWebhookHandler } from "omrl";
 *
 * const handler = createWebhookHandler({
 *   secret: process.env.WEBHOOK_SECRET!,
 *   hub: { accessToken: process.env.HF_TOKEN },
 *   onResult: async (result) => {
 *     if (result.status !== "compliant") await openDiscussion(result.repo, result.report);
 *   },
 * });
 * createServer(handler).listen(8080);
 */
export function createWebhookHandler<TReport extends WebhookReportLike = VerifyModelReturnType>(
  parameters: CreateWebhookHandlerParameters<TReport>,
): WebhookHandler<TReport> {
  const secrets = typeof parameters.secret === "string" ? [parameters.secret] : [...parameters.secret];
  if (secrets.length === 0 || secrets.some((s) => typeof s !== "string" || s === "")) {
    throw new InvalidInputError("createWebhookHandler needs a non-empty secret", { docsPath: "docs/webhook.md#secret" });
  }
  const mode = parameters.mode ?? "async";
  if (parameters.enqueue && mode !== "async") throw new InvalidInputError("createWebhookHandler: enqueue works in async mode only", { docsPath: "docs/webhook.md#queue" });
  const maxBodyBytes = parameters.maxBodyBytes ?? DEFAULT_WEBHOOK_MAX_BODY_BYTES;
  const maxPendingJobs = parameters.maxPendingJobs ?? 100;
  const verify = parameters.verify ?? (defaultVerify as unknown as WebhookVerifyFunction<TReport>);
  const openSource = parameters.openSource ?? createHubSourceOpener(parameters.hub ?? {});
  const reportError = parameters.onError ?? ((error: unknown) => console.error("omrl webhook:", error));
  // a throwing onError must not turn into an unhandled rejection of a background job
  const onError = (error: unknown) => {
    try {
      reportError(error);
    } catch {
      /* nothing left to tell */
    }
  };
  const semaphore = createSemaphore(parameters.concurrency ?? 2);
  /** In-flight jobs by `repo@sha`: a replayed or duplicate delivery joins the running job. */
  const inFlight = new Map<string, Job<TReport>>();

  async function verifyRevision(jobId: string, repo: string, revision: WebhookRevision, payload: HubWebhookPayload): Promise<WebhookVerificationResult<TReport>> {
    const base = { jobId, repo, revision: revision.revision, refs: revision.refs, payload };
    const release = await semaphore.acquire();
    let result: WebhookVerificationResult<TReport>;
    try {
      const source = await openSource(`hf:${repo}@${revision.revision}`);
      const report = await verify(source, { ruleSet: "hub" });
      result = { ...base, status: report.status, report };
    } catch (error) {
      // a source that cannot be read (gated, private, missing, network) is unverifiable, never compliant
      result = { ...base, status: "unverifiable", error: describeError(error) };
    } finally {
      release();
    }
    try {
      await parameters.onResult?.(result);
    } catch (error) {
      onError(error);
    }
    return result;
  }

  function startJob(repo: string, revision: WebhookRevision, payload: HubWebhookPayload): Job<TReport> {
    const key = `${repo}@${revision.revision}`;
    const running = inFlight.get(key);
    if (running) return running;
    const jobId = newJobId();
    const done = verifyRevision(jobId, repo, revision, payload).finally(() => inFlight.delete(key));
    const job = { jobId, done };
    inFlight.set(key, job);
    return job;
  }

  async function handle(delivery: WebhookDelivery): Promise<WebhookAnswer> {
    if (delivery.method.toUpperCase() !== "POST") return json(405, { error: "method-not-allowed", message: "use POST" }, { allow: "POST" });

    let authorized = false;
    const presented = delivery.header(WEBHOOK_SECRET_HEADER);
    // every configured secret is compared, so the time does not tell which one (if any) matched
    for (const secret of secrets) authorized = secretMatches(presented, secret) || authorized;
    if (!authorized) return json(401, { error: "unauthorized", message: "missing or wrong X-Webhook-Secret" });

    let payload: HubWebhookPayload;
    let decision: ReturnType<typeof decideHubWebhook>;
    try {
      payload = parseHubWebhookPayload(await delivery.json());
      decision = decideHubWebhook(payload, { refFilter: parameters.refFilter });
    } catch (error) {
      if (error instanceof WebhookBodyTooLargeError) return json(413, { error: "payload-too-large", message: error.shortMessage }, { connection: "close" });
      if (error instanceof WebhookPayloadError) return json(400, { error: "bad-request", message: error.shortMessage });
      throw error;
    }
    if (decision.action === "ignore") return json(202, { status: "ignored", reason: decision.reason, message: decision.message });

    if (parameters.enqueue) {
      let queued: { jobId: string }[];
      try {
        queued = await parameters.enqueue(decision.repo, decision.revisions, payload);
      } catch (error) {
        onError(error);
        return json(503, { error: "queue-unavailable", message: "the job queue did not accept the delivery; retry later" }, { "retry-after": "30" });
      }
      return json(202, {
        status: "accepted",
        repo: decision.repo,
        jobs: decision.revisions.map((revision, i) => ({ jobId: queued[i]?.jobId, revision: revision.revision, refs: revision.refs })),
      });
    }

    const newJobs = decision.revisions.filter((r) => !inFlight.has(`${decision.repo}@${r.revision}`)).length;
    if (inFlight.size + newJobs > maxPendingJobs) {
      return json(503, { error: "busy", message: `${inFlight.size} verifications pending` }, { "retry-after": "60" });
    }
    const started = decision.revisions.map((revision) => ({ revision, job: startJob(decision.repo, revision, payload) }));
    if (mode === "async") {
      return json(202, {
        status: "accepted",
        repo: decision.repo,
        jobs: started.map(({ revision, job }) => ({ jobId: job.jobId, revision: revision.revision, refs: revision.refs })),
      });
    }
    const results = await Promise.all(started.map(({ job }) => job.done));
    return json(200, { status: "verified", repo: decision.repo, results: results.map(({ payload: _payload, ...rest }) => rest) });
  }

  async function answerOrFail(delivery: WebhookDelivery): Promise<WebhookAnswer> {
    try {
      return await handle(delivery);
    } catch (error) {
      onError(error);
      return json(500, { error: "internal", message: "the webhook handler failed" });
    }
  }

  const handler = async (req: WebhookRequest, res: WebhookResponse): Promise<void> => {
    const answer = await answerOrFail({
      method: req.method ?? "GET",
      header(name) {
        const value = req.headers[name] ?? Object.entries(req.headers).find(([key]) => key.toLowerCase() === name)?.[1];
        // a repeated header is not a secret we issued
        return typeof value === "string" ? value : undefined;
      },
      async json() {
        const body = req.body;
        // set by body-parsing middleware: raw text or bytes (`text()`, `raw()`) or a parsed object (`json()`)
        if (typeof body === "string" || body instanceof Uint8Array) {
          const size = typeof body === "string" ? new TextEncoder().encode(body).byteLength : body.byteLength;
          if (size > maxBodyBytes) throw new WebhookBodyTooLargeError(maxBodyBytes);
          return parseJsonBody(body);
        }
        // Express 4 leaves `{}` when no parser ran: then the stream is still unread
        if (typeof body === "object" && body !== null && Object.keys(body).length > 0) return body;
        const length = req.headers["content-length"];
        checkContentLength(typeof length === "string" ? length : undefined, maxBodyBytes);
        const iterate = req[Symbol.asyncIterator];
        if (!iterate) throw new WebhookPayloadError("the request has no body stream and no parsed body");
        return parseJsonBody(await collectBody(iterate.call(req), maxBodyBytes));
      },
    });
    if (res.headersSent) return;
    res.statusCode = answer.status;
    res.setHeader("content-type", "application/json; charset=utf-8");
    for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
    res.end(JSON.stringify(answer.body));
  };

  const fetchHandler = async (request: Request): Promise<Response> => {
    const answer = await answerOrFail({
      method: request.method,
      header: (name) => request.headers.get(name) ?? undefined,
      async json() {
        checkContentLength(request.headers.get("content-length"), maxBodyBytes);
        if (!request.body) throw new WebhookPayloadError("the request has no body");
        return parseJsonBody(await collectBody(readableStreamIterator(request.body), maxBodyBytes));
      },
    });
    return new Response(JSON.stringify(answer.body), {
      status: answer.status,
      headers: { "content-type": "application/json; charset=utf-8", ...answer.headers },
    });
  };

  return Object.assign(handler, {
    fetch: fetchHandler,
    handle: answerOrFail,
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight.values()].map((job) => job.done));
    },
  });
}
