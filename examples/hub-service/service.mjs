#!/usr/bin/env node
/**
 * A hub validation service that opens a discussion on every model repo whose push has licence
 * violations, with the Markdown report as its body — `omrl serve` plus one callback.
 *
 *   WEBHOOK_SECRET=… HF_TOKEN=hf_… node service.mjs
 *
 * Environment: WEBHOOK_SECRET (required: the secret set in the Hub's webhook settings), HF_TOKEN
 * (required: a token that may open discussions; it also reads gated and private repos),
 * HF_ENDPOINT (a Hub mirror; default https://huggingface.co), PORT (default 8080, 0 = any free
 * port), HOST (default 127.0.0.1), DATA_DIR (where jobs and results are kept; default
 * .omrl-service), OMRL_NO_CACHE=1 (no on-disk Hub cache).
 *
 * Routes are those of `omrl serve`: POST /webhook, GET /v1/models/{org}/{name}[/revisions/{sha}],
 * GET /badge/{org}/{name}.svg, GET /healthz, GET /metrics. Each result and each discussion is
 * printed as one JSON line on stdout.
 */
import { createServer } from "node:http";
import { formatMarkdown } from "omrl";
import { createEmbeddedQueue, createHubService, createRevisionProcessor, hubOptionsFromEnv, storedResultReport } from "omrl/node";

const secret = process.env.WEBHOOK_SECRET;
const hub = hubOptionsFromEnv(process.env);
if (!secret || !hub.accessToken) {
  console.error("hub-service: set WEBHOOK_SECRET (the webhook's secret) and HF_TOKEN (a token that may open discussions)");
  process.exit(2);
}
const hubUrl = (hub.hubUrl ?? "https://huggingface.co").replace(/\/+$/, "");

/** Opens a discussion on the repo (the Hub's `POST /api/models/{repo}/discussions`). */
async function openDiscussion(repo, title, description) {
  const response = await fetch(`${hubUrl}/api/models/${repo}/discussions`, {
    method: "POST",
    headers: { authorization: `Bearer ${hub.accessToken}`, "content-type": "application/json" },
    body: JSON.stringify({ title, description }),
  });
  if (!response.ok) throw new Error(`opening a discussion on ${repo}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}

const queue = await createEmbeddedQueue({
  dir: process.env.DATA_DIR ?? ".omrl-service",
  process: createRevisionProcessor({ hub }),
  async onResult(result) {
    console.log(JSON.stringify({ event: "verified", repo: result.repo, revision: result.revision, status: result.status, counts: result.counts }));
    // violations only: an unverifiable repo (gated, private, missing) is not the publisher's fault
    if (result.status !== "violations") return;
    const body = `${formatMarkdown(storedResultReport(result))}\n\n<sub>Posted by an OMRL licence check for commit ${result.revision}.</sub>\n`;
    const discussion = await openDiscussion(result.repo, `OMRL licence check: ${result.counts.error} problem${result.counts.error === 1 ? "" : "s"} at ${result.revision.slice(0, 7)}`, body);
    console.log(JSON.stringify({ event: "discussion", repo: result.repo, num: discussion.num, url: discussion.url?.web }));
  },
  onError(error) {
    console.error(JSON.stringify({ event: "error", message: error instanceof Error ? error.message : String(error) }));
  },
});

const server = createServer(createHubService({ queue, secret }));
const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? "127.0.0.1";
server.listen(port, host, () => console.log(JSON.stringify({ event: "listening", url: `http://${host}:${server.address().port}` })));

// unfinished jobs stay in DATA_DIR and run at the next start
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.once(signal, () => {
    server.close();
    queue.close().then(() => process.exit(0));
  });
}
