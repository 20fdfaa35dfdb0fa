import type { IncomingMessage, ServerResponse } from "node:http";
import { OmrlError } from "../errors.js";
import { createWebhookHandler, type HubWebhookPayload, type WebhookRevision } from "../webhook/index.js";
import { formatPrometheus } from "./format-prometheus.js";
import { checkRepo, jobKey } from "./job-key.js";
import { renderBadge, type BadgeStatus } from "./render-badge.js";
import { emptyCounters, observeDuration } from "./service-counters.js";
import { sha256Hex } from "./sha256-hex.js";
import type { ServiceQueue } from "./types.js";

export type CreateHubServiceParameters = {
  /** The queue driver (`createEmbeddedQueue` or `createRedisQueue`). */
  queue: ServiceQueue;
  /** The webhook secret(s), as for `createWebhookHandler`. */
  secret: string | readonly string[];
  /** Which pushed refs to verify (default: all). */
  refFilter?: ((ref: string) => boolean) | undefined;
  /** Largest webhook body (default 1 MiB). */
  maxBodyBytes?: number | undefined;
  onError?: ((error: unknown) => void) | undefined;
};

export type HubService = {
  /** The `node:http` request listener. */
  (req: IncomingMessage, res: ServerResponse): void;
  /** The same routes for one request, resolved when the answer is written. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
};

const MAX_REFS_LISTED = 100;

type Answer = { status: number; type: string; body: string; headers?: Record<string, string> };

const jsonAnswer = (status: number, body: unknown, headers: Record<string, string> = {}): Answer => ({ status, type: "application/json; charset=utf-8", body: JSON.stringify(body), headers });

/**
 * The HTTP side of `omrl serve`: `POST /webhook` (the webhook handler, enqueueing durably), the
 * status API `GET /v1/models/{org}/{name}` and `GET /v1/models/{org}/{name}/revisions/{sha}`
 * (JSON with an ETag; `If-None-Match` answers 304), `GET /badge/{org}/{name}.svg`, `GET /healthz`
 * and `GET /metrics` (Prometheus text).
 *
 * @example
 * import { createServer } from "node:http";
 * import { createEmbeddedQueue, createHubService, createRevisionProcessor } from "omrl/node";
 *
 * const queue = await createEmbeddedQueue({ dir: ".omrl-service", process: createRevisionProcessor({ hub: { accessToken } }) });
 * createServer(createHubService({ queue, secret: process.env.WEBHOOK_SECRET! })).listen(8080);
 */
export function createHubService(parameters: CreateHubServiceParameters): HubService {
  const { queue } = parameters;
  const onError = parameters.onError ?? ((error: unknown) => console.error("omrl serve:", error));
  const webhook = { byStatus: {} as Record<string, number>, duration: emptyCounters().duration };
  const handler = createWebhookHandler({
    secret: parameters.secret,
    refFilter: parameters.refFilter,
    maxBodyBytes: parameters.maxBodyBytes,
    onError,
    enqueue: (repo: string, revisions: WebhookRevision[], _payload: HubWebhookPayload) =>
      queue.enqueue(revisions.map((r) => ({ repo, revision: r.revision, refs: r.refs, origin: "webhook" as const, queuedAt: new Date().toISOString() }))),
  });

  async function modelStatus(repo: string): Promise<Answer> {
    const refs = await queue.refs(repo);
    const latestSha = refs["@latest"];
    const latest = latestSha ? await queue.result(repo, latestSha) : undefined;
    const byRef: Record<string, unknown> = {};
    // bounded: a repo with many PR refs answers its first 100 (branches and tags before `refs/pr/…`)
    const listed = Object.entries(refs)
      .filter(([ref]) => ref !== "@latest")
      .sort(([a], [b]) => Number(a.startsWith("refs/pr/")) - Number(b.startsWith("refs/pr/")) || (a < b ? -1 : 1))
      .slice(0, MAX_REFS_LISTED);
    for (const [ref, revision] of listed) {
      const status = await queue.status(repo, revision);
      const result = status?.state === "done" ? await queue.result(repo, revision) : undefined;
      byRef[ref] = { revision, state: status?.state ?? "unknown", ...(result ? { status: result.status, verifiedAt: result.verifiedAt } : {}) };
    }
    if (!latestSha) return jsonAnswer(404, { error: "not-found", message: `no delivery or sweep has queued ${repo}` });
    const state = latest ? "done" : ((await queue.status(repo, latestSha))?.state ?? "unknown");
    return jsonAnswer(200, { repo, revision: latestSha, state, refs: byRef, result: latest ?? null });
  }

  async function revisionStatus(repo: string, revision: string): Promise<Answer> {
    const status = await queue.status(repo, revision);
    if (!status) return jsonAnswer(404, { error: "not-found", message: `${jobKey(repo, revision)} was never queued` });
    if (status.state === "done") {
      const result = await queue.result(repo, revision);
      return jsonAnswer(200, { state: "done", ...result });
    }
    if (status.state === "dead") {
      const dead = await queue.deadLetter(repo, revision);
      return jsonAnswer(200, { state: "dead", repo, revision: revision.toLowerCase(), attempts: status.attempts, reason: dead?.reason ?? status.reason });
    }
    return jsonAnswer(202, { state: status.state, repo, revision: revision.toLowerCase(), attempts: status.attempts, ...(status.reason ? { lastError: status.reason } : {}) });
  }

  async function badge(repo: string): Promise<Answer> {
    let status: BadgeStatus = "unknown";
    const refs = await queue.refs(repo);
    const sha = refs["refs/heads/main"] ?? refs["@latest"];
    if (sha) {
      const result = await queue.result(repo, sha);
      if (result) status = result.status;
      else status = (await queue.status(repo, sha))?.state === "dead" ? "failed" : "pending";
    }
    return { status: 200, type: "image/svg+xml; charset=utf-8", body: renderBadge(status), headers: { "cache-control": "no-cache" } };
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<Answer | undefined> {
    const url = new URL(req.url ?? "/", "http://service");
    const path = url.pathname;
    const method = req.method ?? "GET";
    if (path === "/webhook") {
      const started = performance.now();
      await handler(req, res);
      const key = String(res.statusCode);
      webhook.byStatus[key] = (webhook.byStatus[key] ?? 0) + 1;
      observeDuration(webhook.duration, (performance.now() - started) / 1000);
      return undefined;
    }
    if (method !== "GET" && method !== "HEAD") return jsonAnswer(405, { error: "method-not-allowed", message: "use GET" }, { allow: "GET, HEAD" });
    if (path === "/healthz") {
      try {
        const depth = await queue.depth();
        return jsonAnswer(200, { status: "ok", driver: queue.driver, depth });
      } catch (error) {
        return jsonAnswer(503, { status: "unavailable", driver: queue.driver, message: error instanceof Error ? error.message : String(error) });
      }
    }
    if (path === "/metrics") {
      const [depth, counters] = await Promise.all([queue.depth(), queue.counters()]);
      return { status: 200, type: "text/plain; version=0.0.4; charset=utf-8", body: formatPrometheus({ driver: queue.driver, depth, counters, webhook }) };
    }
    const parts = path.split("/").filter(Boolean).map((p) => decodeURIComponent(p));
    try {
      if (parts[0] === "v1" && parts[1] === "models" && parts.length === 4) {
        const repo = `${parts[2]}/${parts[3]}`;
        checkRepo(repo);
        return await modelStatus(repo);
      }
      if (parts[0] === "v1" && parts[1] === "models" && parts.length === 6 && parts[4] === "revisions") return await revisionStatus(`${parts[2]}/${parts[3]}`, parts[5]!);
      if (parts[0] === "badge" && parts.length === 3 && parts[2]!.endsWith(".svg")) {
        const repo = `${parts[1]}/${parts[2]!.slice(0, -4)}`;
        checkRepo(repo);
        return await badge(repo);
      }
    } catch (error) {
      if (error instanceof OmrlError && error.name === "InvalidInputError") return jsonAnswer(400, { error: "bad-request", message: error.shortMessage });
      throw error;
    }
    return jsonAnswer(404, { error: "not-found", message: `no route ${path}` });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let answer: Answer | undefined;
    try {
      answer = await route(req, res);
    } catch (error) {
      onError(error);
      answer = jsonAnswer(503, { error: "unavailable", message: "the result store did not answer; retry later" }, { "retry-after": "30" });
    }
    if (!answer || res.headersSent) return;
    const etag = `"${sha256Hex(answer.body).slice(0, 32)}"`;
    const headers: Record<string, string> = { "content-type": answer.type, etag, ...answer.headers };
    if (answer.status === 200 && req.headers["if-none-match"] === etag) {
      res.writeHead(304, { etag, ...answer.headers });
      res.end();
      return;
    }
    res.writeHead(answer.status, { ...headers, "content-length": String(Buffer.byteLength(answer.body)) });
    res.end(req.method === "HEAD" ? undefined : answer.body);
  }

  return Object.assign((req: IncomingMessage, res: ServerResponse) => void handle(req, res), { handle });
}
