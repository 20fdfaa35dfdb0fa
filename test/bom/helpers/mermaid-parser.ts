import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";

/*
 * Mermaid's own parser, run where it runs for real: `mermaid.parse` needs a DOM (DOMPurify's
 * hooks), so under Node it fails before parsing ("DOMPurify.addHook is not a function"), and the
 * DOM-free `@mermaid-js/parser` covers only the newer diagram types, not flowcharts. So the test
 * loads the installed `mermaid` package's browser build into the Debian Chromium (playwright-core,
 * headless, fresh profile) and calls `mermaid.parse` there.
 */

export const CHROMIUM = process.env.OMRL_CHROMIUM ?? "/usr/bin/chromium";
export const chromiumMissing = existsSync(CHROMIUM) ? undefined : `Chromium not found at ${CHROMIUM}: apt-get install chromium (or set OMRL_CHROMIUM)`;

const MERMAID = fileURLToPath(new URL("../../../node_modules/mermaid/dist/mermaid.min.js", import.meta.url));

export type MermaidParser = { parse(text: string): Promise<{ ok: true; diagramType: string } | { ok: false; error: string }>; close(): Promise<void> };

export async function startMermaidParser(): Promise<MermaidParser> {
  if (chromiumMissing) throw new Error(chromiumMissing);
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      // playwright gives each launch a fresh temporary profile (it refuses --user-data-dir in args)
    });
    const page: Page = await browser.newPage();
    await page.setContent("<!doctype html><html><body></body></html>");
    await page.addScriptTag({ path: MERMAID });
    await page.evaluate(() => (globalThis as unknown as { mermaid: { initialize(o: object): void } }).mermaid.initialize({ startOnLoad: false }));
    const open = browser;
    return {
      parse: (text) =>
        page.evaluate(async (source) => {
          try {
            const result = await (globalThis as unknown as { mermaid: { parse(t: string): Promise<{ diagramType: string }> } }).mermaid.parse(source);
            return { ok: true as const, diagramType: result.diagramType };
          } catch (error) {
            return { ok: false as const, error: String((error as Error).message ?? error) };
          }
        }, text),
      async close() {
        await open.close();
      },
    };
  } catch (error) {
    await browser?.close();
    throw error;
  }
}
