import { spawn } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_PATH, runOmrl } from "../helpers/cli.js";
import { startHubServer, type HubServer } from "../helpers/hub-server/index.js";
import { contentUpdatePayload } from "../webhook/fixtures/payloads.js";
import { WEBHOOK_SHA, webhookRepos } from "../webhook/fixtures/repos.js";
import { SECRET, waitFor } from "./service-helpers.js";

let hub: HubServer;
beforeAll(async () => {
  hub = await startHubServer({ repos: await webhookRepos() });
});
afterAll(async () => hub?.close());

describe("omrl serve (embedded queue, as a process)", () => {
  it("acknowledges a push, verifies it, answers the status API, and stops cleanly on SIGTERM", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "omrl-serve-"));
    const child = spawn(process.execPath, [CLI_PATH, "serve", "--port", "0", "--hub-url", hub.url, "--rate-limit", "none"], { cwd, env: { ...process.env, WEBHOOK_SECRET: SECRET, OMRL_NO_CACHE: "1", NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      const url = await waitFor(() => /listening on (http:\/\/\S+)/.exec(stderr)?.[1], 15_000, `serve to listen (${stderr})`);
      const push = await fetch(`${url}/webhook`, { method: "POST", headers: { "content-type": "application/json", "x-webhook-secret": SECRET }, body: JSON.stringify(contentUpdatePayload({ repo: "acme/tiny-1b", newSha: WEBHOOK_SHA.compliant })) });
      expect(push.status).toBe(202);
      const result = await waitFor(async () => {
        const answer = await fetch(`${url}/v1/models/acme/tiny-1b/revisions/${WEBHOOK_SHA.compliant}`);
        return answer.status === 200 ? ((await answer.json()) as { status: string }) : undefined;
      }, 15_000, "the result");
      expect(result.status).toBe("compliant");
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(await readdir(join(cwd, ".omrl-service", "results", "acme", "tiny-1b"))).toEqual([`${WEBHOOK_SHA.compliant}.json`]);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      await rm(cwd, { recursive: true, force: true });
    }
  });

  it("usage errors exit 2 with the reason", async () => {
    const [noSecret, badPort, badRate, noRedis, badRedis, badHubConcurrency] = await Promise.all([
      runOmrl(["serve", "--port", "0"], { env: { WEBHOOK_SECRET: undefined } }),
      runOmrl(["serve", "--port", "70000"], { env: { WEBHOOK_SECRET: "x" } }),
      runOmrl(["serve", "--rate-limit", "fast"], { env: { WEBHOOK_SECRET: "x" } }),
      runOmrl(["worker"]),
      runOmrl(["worker", "--redis", "localhost:6379"]),
      // checked before any connection is made
      runOmrl(["worker", "--redis", "redis://127.0.0.1:1", "--hub-concurrency", "0"]),
    ]);
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toContain("set the webhook secret in the WEBHOOK_SECRET environment variable");
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain("--port must be an integer from 0 to 65535");
    expect(badRate.code).toBe(2);
    expect(badRate.stderr).toContain("rate limit must look like 50/1s");
    expect(noRedis.code).toBe(2);
    expect(noRedis.stderr).toContain("omrl worker needs --redis");
    expect(badRedis.code).toBe(2);
    expect(badRedis.stderr).toContain("not a Redis URL");
    expect(badHubConcurrency.code).toBe(2);
    expect(badHubConcurrency.stderr).toContain('--hub-concurrency must be an integer from 1 to 4000, got "0"');
  });
});
