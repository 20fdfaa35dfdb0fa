import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createHubService, type ServiceQueue } from "../../src/service/index.js";
import { contentUpdatePayload } from "../webhook/fixtures/payloads.js";

export const SECRET = "whsec-omrl-service-7c1e";

/** `createHubService` on a real `node:http` server on 127.0.0.1. */
export async function startService(queue: ServiceQueue) {
  const errors: unknown[] = [];
  const server: Server = createServer(createHubService({ queue, secret: SECRET, onError: (e) => errors.push(e) }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    errors,
    push: (repo: string, sha: string, ref = "refs/heads/main") =>
      fetch(`${url}/webhook`, { method: "POST", headers: { "content-type": "application/json", "x-webhook-secret": SECRET }, body: JSON.stringify(contentUpdatePayload({ repo, newSha: sha, ref })) }),
    get: (path: string, headers: Record<string, string> = {}) => fetch(`${url}${path}`, { headers }),
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Polls `check` every 20 ms until it returns a value, or fails after `ms`. */
export async function waitFor<T>(check: () => Promise<T | undefined | false> | T | undefined | false, ms = 20_000, what = "condition"): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
