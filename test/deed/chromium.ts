import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM_PATH = process.env.OMRL_CHROMIUM ?? "/usr/bin/chromium";
export const CHROMIUM_MISSING = existsSync(CHROMIUM_PATH)
  ? undefined
  : `Chromium not found at ${CHROMIUM_PATH}: install it with \`apt-get install chromium\` (Debian) or set OMRL_CHROMIUM to its path`;

/** Flags for a quiet, reproducible headless Chromium (no sandbox in containers, no background traffic). */
const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export type Browser = { context: BrowserContext; close: () => Promise<void> };

/** Launches Debian's Chromium headless with a fresh user-data-dir; one per test file. */
export async function launchChromium(): Promise<Browser> {
  if (CHROMIUM_MISSING) throw new Error(CHROMIUM_MISSING);
  const userDataDir = await mkdtemp(join(tmpdir(), "omrl-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM_PATH, headless: true, args: FLAGS, viewport: { width: 1100, height: 900 } });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

export type WatchedPage = { page: Page; consoleErrors: string[]; blocked: string[] };

/**
 * A new page that may load only what `allow` accepts (default: `file:` URLs): every other request
 * is aborted and recorded. Console errors and page errors are collected.
 */
export async function openWatchedPage(browser: Browser, allow: (url: string) => boolean = (url) => url.startsWith("file:")): Promise<WatchedPage> {
  const page = await browser.context.newPage();
  const consoleErrors: string[] = [];
  const blocked: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(`pageerror: ${error.message}`));
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (allow(url) || url.startsWith("data:")) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  return { page, consoleErrors, blocked };
}
