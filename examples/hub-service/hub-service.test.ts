/**
 * Runs examples/hub-service/service.mjs as a real process against the Hub test server: a push
 * with licence violations opens a discussion carrying the Markdown report; a compliant push does
 * not (`npm run build` first: the example imports the built package).
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startHubServer, type HubServer } from "../../test/helpers/hub-server/index.js";
import { contentUpdatePayload } from "../../test/webhook/fixtures/payloads.js";
import { WEBHOOK_SHA, webhookRepos } from "../../test/webhook/fixtures/repos.js";

const script = fileURLToPath(new URL("./service.mjs", import.meta.url));
const SECRET = "example-service-secret-41d2";
let hub: HubServer;
let service: ChildProcessWithoutNullStreams;
let baseUrl: string;
let dataDir: string;
const lines: Record<string, unknown>[] = [];
let stderr = "";

beforeAll(async () => {
  hub = await startHubServer({ repos: await webhookRepos() });
  dataDir = await mkdtemp(join(tmpdir(), "omrl-example-service-"));
  const { HF_TOKEN: _t, HUGGING_FACE_HUB_TOKEN: _h, ...env } = process.env;
  service = spawn(process.execPath, [script], {
    env: { ...env, WEBHOOK_SECRET: SECRET, HF_TOKEN: "hf_example_bot", HF_ENDPOINT: hub.url, PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, OMRL_NO_CACHE: "1" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  service.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  baseUrl = await new Promise<string>((resolve, reject) => {
    service.once("exit", (code) => reject(new Error(`service.mjs exited with ${code}: ${stderr}`)));
    createInterface({ input: service.stdout }).on("line", (line) => {
      const event = JSON.parse(line) as Record<string, unknown>;
      lines.push(event);
      if (event.event === "listening") resolve(event.url as string);
    });
  });
});

afterAll(async () => {
  if (service && service.exitCode === null) {
    const exited = new Promise((resolve) => service.once("exit", resolve));
    service.kill("SIGTERM");
    await exited;
  }
  await hub?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const push = (repo: string, sha: string) =>
  fetch(`${baseUrl}/webhook`, { method: "POST", headers: { "content-type": "application/json", "x-webhook-secret": SECRET }, body: JSON.stringify(contentUpdatePayload({ repo, newSha: sha, hubUrl: hub.url })) });

async function until<T>(check: () => T | undefined): Promise<T> {
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (service.exitCode !== null) throw new Error(`service.mjs exited: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

test("a push with violations opens one discussion with the Markdown report; a compliant push opens none", async () => {
  expect((await push("acme/tampered", WEBHOOK_SHA.tampered)).status).toBe(202);
  expect((await push("acme/tiny-1b", WEBHOOK_SHA.compliant)).status).toBe(202);
  await until(() => lines.find((l) => l.event === "discussion"));
  await until(() => lines.find((l) => l.event === "verified" && l.repo === "acme/tiny-1b"));

  expect(hub.discussions).toHaveLength(1);
  const [discussion] = hub.discussions;
  expect(discussion).toMatchObject({ repo: "acme/tampered", num: 1, token: "hf_example_bot" });
  expect(discussion!.title).toMatch(/^OMRL licence check: \d+ problems? at [0-9a-f]{7}$/);
  expect(discussion!.description).toContain("## omrl verify: ");
  expect(discussion!.description).toContain(`hf:acme/tampered@${WEBHOOK_SHA.tampered}`);
  expect(discussion!.description).toMatch(/\[`omrl\/signature-invalid`\]\(https:\/\/\S+\/docs\/rules\.md#omrl-signature-invalid\)/);
  expect(discussion!.description).toContain("| ❌ violations | 1 | 0 | 0 | 0 |");
  expect(lines.find((l) => l.event === "discussion")).toMatchObject({ repo: "acme/tampered", num: 1, url: `${hub.url}/acme/tampered/discussions/1` });
  expect(lines.find((l) => l.event === "verified" && l.repo === "acme/tiny-1b")).toMatchObject({ status: "compliant" });

  // the status API and the badge answer for both
  const tampered = (await (await fetch(`${baseUrl}/v1/models/acme/tampered`)).json()) as { result: { status: string } };
  expect(tampered.result.status).toBe("violations");
  expect(await (await fetch(`${baseUrl}/badge/acme/tiny-1b.svg`)).text()).toContain(">compliant</text>");
  expect(stderr).toBe("");
});
