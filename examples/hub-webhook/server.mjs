#!/usr/bin/env node
/**
 * A Hugging Face Hub webhook service that validates OMRL licences on push.
 *
 *   WEBHOOK_SECRET=… HF_TOKEN=hf_… node server.mjs
 *
 * Environment: WEBHOOK_SECRET (required: the secret set in the Hub's webhook settings), HF_TOKEN
 * (to read gated and private repos), HF_ENDPOINT (a Hub mirror; default https://huggingface.co),
 * PORT (default 8080, 0 = any free port), HOST (default 127.0.0.1), WEBHOOK_MODE (`async`, the
 * default, or `sync`), OMRL_NO_CACHE=1 (no on-disk Hub cache).
 *
 * Routes: POST /webhook (the Hub's target URL), GET /jobs/<jobId> (a finished verification),
 * GET /healthz. Each result is also printed as one JSON line on stdout.
 */
import { createServer } from "node:http";
import { createWebhookHandler, formatMarkdown } from "omrl";
import { hubOptionsFromEnv } from "omrl/node";

const secret = process.env.WEBHOOK_SECRET;
if (!secret) {
  console.error("hub-webhook: set WEBHOOK_SECRET to the webhook's secret");
  process.exit(2);
}

/** Finished verifications by job id (the newest 1000; a real service would use a database). */
const jobs = new Map();
const MAX_JOBS = 1000;

const handler = createWebhookHandler({
  secret,
  hub: hubOptionsFromEnv(process.env),
  mode: process.env.WEBHOOK_MODE === "sync" ? "sync" : "async",
  onResult(result) {
    const { payload: _payload, ...record } = result;
    // the body a discussion on the repo would carry
    if (result.report) record.markdown = formatMarkdown(result.report);
    jobs.set(result.jobId, record);
    if (jobs.size > MAX_JOBS) jobs.delete(jobs.keys().next().value);
    const line = { event: "verified", jobId: result.jobId, repo: result.repo, revision: result.revision, refs: result.refs, status: result.status };
    if (result.report) line.counts = result.report.counts;
    if (result.error) line.error = result.error;
    console.log(JSON.stringify(line));
    // Here a hub integration would act on the result: open a discussion on the repo with
    // `record.markdown` (POST {HF_ENDPOINT}/api/models/{repo}/discussions), or record a commit status.
  },
  onError(error) {
    console.error(JSON.stringify({ event: "error", message: error instanceof Error ? error.message : String(error) }));
  },
});

function sendJson(res, status, body) {
  res.statusCode = status;
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.end(JSON.stringify(body));
}

const server = createServer((req, res) => {
  const { pathname } = new URL(req.url ?? "/", "http://localhost");
  if (pathname === "/webhook") return void handler(req, res);
  if (req.method === "GET" && pathname.startsWith("/jobs/")) {
    const job = jobs.get(decodeURIComponent(pathname.slice("/jobs/".length)));
    return job ? sendJson(res, 200, job) : sendJson(res, 404, { error: "not-found", message: "unknown job, or still running" });
  }
  if (req.method === "GET" && pathname === "/healthz") return sendJson(res, 200, { ok: true });
  sendJson(res, 404, { error: "not-found" });
});

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? "127.0.0.1";
server.listen(port, host, () => {
  const address = server.address();
  console.log(JSON.stringify({ event: "listening", url: `http://${host}:${address.port}` }));
});

// finish running verifications before exiting
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.once(signal, () => {
    server.close();
    handler.idle().then(() => process.exit(0));
  });
}
