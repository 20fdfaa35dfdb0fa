/**
 * Runs examples/deed/index.html (a hub page embedding <omrl-deed>) in Chromium, served from
 * 127.0.0.1 by a static server started here (module scripts do not run from file://); every
 * request elsewhere is aborted. Needs `npm run build` (dist/deed.js).
 */
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, test } from "vitest";
import { launchChromium, openWatchedPage, type Browser } from "../../test/deed/chromium.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".json": "application/json" };
/** Only what the example page needs is served. */
const SERVED = /^\/(examples\/deed\/index\.html|examples\/model-release\/omrl\.json|dist\/deed\.js)$/;

let server: Server;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const path = normalize(new URL(request.url ?? "/", "http://x").pathname);
    if (path === "/test/huge.json") {
      // 5 MiB of JSON, chunked: no content-length announces it
      response.writeHead(200, { "content-type": "application/json" });
      response.write('{"omrl":"1.0","pad":"');
      for (let i = 0; i < 5; i++) response.write("x".repeat(1024 * 1024));
      return response.end('"}');
    }
    if (request.method !== "GET" || !SERVED.test(path)) return response.writeHead(404).end();
    try {
      const body = await readFile(join(root, path));
      response.writeHead(200, { "content-type": TYPES[path.slice(path.lastIndexOf("."))] ?? "application/octet-stream" }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

test("the host page renders both elements, themed, with the hub's badge following the check", async () => {
  const watched = await openWatchedPage(browser, (url) => url.startsWith(`${origin}/`));
  const { page } = watched;
  await page.goto(`${origin}/examples/deed/index.html`);
  for (const id of ["deed", "compact"]) await page.waitForSelector(`#${id}[data-state=valid]`, { timeout: 15_000 });
  // the src= element, with the calculator
  const deed = page.locator("#deed .deed");
  expect(await deed.locator(".status").innerText()).toContain("Signature valid: signed by the licensor, Example Labs (demo)");
  expect(await deed.innerText()).toContain("3% of the period's basis");
  expect(await deed.locator("form").count()).toBe(1);
  expect(await deed.locator("h3").first().innerText()).toBe("Model and licensor");
  // the property-fed element, dark by custom properties alone, without the calculator
  const compact = page.locator("#compact .deed");
  expect(await compact.locator(".status").innerText()).toContain("Valid.");
  expect(await compact.locator("form").count()).toBe(0);
  expect(await compact.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(13, 17, 23)");
  // the hub's own badge, driven by the omrl-deed-status event
  expect(await page.locator("#licence-badge").innerText()).toBe("Licence: OMRL 1.0 · signed by the licensor");
  await page.screenshot({ path: join(root, "test-output/deed/example-host-page.png"), fullPage: true });
  expect(watched.consoleErrors).toEqual([]);
  expect(watched.blocked).toEqual([]);
  await page.close();
});

test("a src that fails or is too large renders an error naming it", async () => {
  const watched = await openWatchedPage(browser, (url) => url.startsWith(`${origin}/`));
  const { page } = watched;
  await page.goto(`${origin}/examples/deed/index.html`);
  await page.waitForSelector("#deed[data-state=valid]", { timeout: 15_000 });
  const cases: [string, string][] = [
    ["/missing/omrl.json", "HTTP 404"],
    ["/test/huge.json", "are larger than 4194304 bytes"],
  ];
  for (const [src, expected] of cases) {
    const text = await page.evaluate(async (url) => {
      const el = document.createElement("omrl-deed");
      const done = new Promise((resolve) => el.addEventListener("omrl-deed-status", resolve, { once: true }));
      el.setAttribute("src", url);
      document.body.append(el);
      await done;
      return `${el.getAttribute("data-state")}: ${el.shadowRoot!.querySelector(".status")!.textContent}`;
    }, src);
    expect(text).toMatch(/^error: /);
    expect(text).toContain(expected);
  }
  // the failed fetch of /missing/omrl.json is the only console error
  expect(watched.consoleErrors.filter((e) => !e.includes("404"))).toEqual([]);
  expect(watched.blocked).toEqual([]);
  await page.close();
});
