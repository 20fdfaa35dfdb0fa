/**
 * Runs examples/hub-webhook/server.mjs as a real process against the Hub test server and posts it
 * webhook payloads of the Hub's documented shape (`npm run build` first: the example imports the
 * built package `omrl` / `omrl/node`).
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startHubServer, type HubServer } from "../../test/helpers/hub-server/index.js";
import { contentUpdatePayload, discussionPayload } from "../../test/webhook/fixtures/payloads.js";
import { WEBHOOK_SHA, webhookRepos } from "../../test/webhook/fixtures/repos.js";

const script = fileURLToPath(new URL("./server.mjs", import.meta.url));
const SECRET = "example-secret-7c1e";
let hub: HubServer;
let service: ChildProcessWithoutNullStreams;
let baseUrl: string;
const lines: Record<string, unknown>[] = [];
let stderr = "";

beforeAll(async () => {
  hub = await startHubServer({ repos: await webhookRepos() });
  const { HF_TOKEN: _t, HUGGING_FACE_HUB_TOKEN: _h, ...env } = process.env;
  service = spawn(process.execPath, [script], {
    env: { ...env, WEBHOOK_SECRET: SECRET, HF_ENDPOINT: hub.url, PORT: "0", HOST: "127.0.0.1", OMRL_NO_CACHE: "1" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  service.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const listening = new Promise<string>((resolve, reject) => {
    service.once("exit", (code) => reject(new Error(`server.mjs exited with ${code}: ${stderr}`)));
    createInterface({ input: service.stdout }).on("line", (line) => {
      const event = JSON.parse(line) as Record<string, unknown>;
      lines.push(event);
      if (event.event === "listening") resolve(event.url as string);
    });
  });
  baseUrl = await listening;
});

afterAll(async () => {
  if (service && service.exitCode === null) {
    const exited = new Promise((resolve) => service.once("exit", resolve));
    service.kill("SIGTERM");
    await exited;
  }
  await hub?.close();
});

const post = (payload: unknown, secret = SECRET) =>
  fetch(`${baseUrl}/webhook`, { method: "POST", headers: { "content-type": "application/json", "x-webhook-secret": secret }, body: JSON.stringify(payload) });

/** Polls the service's job route until the verification has finished. */
async function jobResult(jobId: string): Promise<Record<string, any>> {
  for (;;) {
    const response = await fetch(`${baseUrl}/jobs/${jobId}`);
    if (response.status === 200) return (await response.json()) as Record<string, any>;
    expect(response.status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

test("the example service verifies pushed commits and reports compliant / violations", async () => {
  const compliant = await post(contentUpdatePayload({ repo: "acme/tiny-1b", newSha: WEBHOOK_SHA.compliant, hubUrl: hub.url }));
  expect(compliant.status).toBe(202);
  const { jobs } = (await compliant.json()) as { jobs: { jobId: string; revision: string }[] };
  expect(jobs[0]!.revision).toBe(WEBHOOK_SHA.compliant);
  const ok = await jobResult(jobs[0]!.jobId);
  expect(ok).toMatchObject({ repo: "acme/tiny-1b", revision: WEBHOOK_SHA.compliant, refs: ["refs/heads/main"], status: "compliant" });
  expect(ok.report.source.id).toBe(`hf:acme/tiny-1b@${WEBHOOK_SHA.compliant}`);
  expect(ok.report.counts.error).toBe(0);

  const tampered = await post(contentUpdatePayload({ repo: "acme/tampered", newSha: WEBHOOK_SHA.tampered }));
  const bad = await jobResult(((await tampered.json()) as { jobs: { jobId: string }[] }).jobs[0]!.jobId);
  expect(bad.status).toBe("violations");
  expect(bad.report.diagnostics.map((d: { ruleId: string }) => d.ruleId)).toContain("omrl/signature-invalid");
  expect(bad.markdown).toContain("omrl/signature-invalid");

  const gated = await post(contentUpdatePayload({ repo: "acme/gated-omrl", newSha: WEBHOOK_SHA.gated }));
  const locked = await jobResult(((await gated.json()) as { jobs: { jobId: string }[] }).jobs[0]!.jobId);
  expect(locked.status).toBe("unverifiable");

  // the service printed one line per result
  expect(lines.filter((l) => l.event === "verified").map((l) => [l.repo, l.status])).toEqual([
    ["acme/tiny-1b", "compliant"],
    ["acme/tampered", "violations"],
    ["acme/gated-omrl", "unverifiable"],
  ]);
});

test("the example service refuses a wrong secret and ignores discussions", async () => {
  expect((await post(contentUpdatePayload({ repo: "acme/tiny-1b", newSha: WEBHOOK_SHA.compliant }), "wrong")).status).toBe(401);
  const ignored = await post(discussionPayload("acme/tiny-1b"));
  expect(ignored.status).toBe(202);
  expect(await ignored.json()).toMatchObject({ status: "ignored", reason: "not-a-content-update" });
  expect(stderr).toBe("");
});
