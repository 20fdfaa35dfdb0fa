/**
 * The deed page in a real Chromium (Debian's `chromium` via playwright-core): pages written by the
 * built CLI (`dist/cli.js deed`), loaded from file:// with every other request aborted. Screenshots
 * go to test-output/deed/ for review.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Statement } from "../../src/obligations/index.js";
import { hashTerms, parseTerms } from "../../src/terms/index.js";
import { runOmrl } from "../helpers/cli.js";
import { launchChromium, openWatchedPage, type Browser, type WatchedPage } from "./chromium.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const SHOTS = join(root, "test-output/deed");
const release = join(root, "examples/model-release");
const appCi = join(root, "examples/app-ci");

let browser: Browser;
let dir: string;
let statement: Statement;
const pages: Record<string, string> = {};

async function deed(name: string, target: string, expectedCode: number): Promise<{ stdout: string; stderr: string }> {
  const out = join(dir, `${name}.html`);
  const result = await runOmrl(["deed", target, "--out", out]);
  expect(result.code, result.stderr).toBe(expectedCode);
  pages[name] = out;
  return result;
}

async function open(name: string, options: { width?: number } = {}): Promise<WatchedPage> {
  const watched = await openWatchedPage(browser);
  if (options.width) await watched.page.setViewportSize({ width: options.width, height: 900 });
  await watched.page.goto(pathToFileURL(pages[name]!).href);
  await watched.page.waitForSelector("omrl-deed:is([data-state=valid],[data-state=invalid],[data-state=error])", { timeout: 15_000 });
  return watched;
}

async function shot(watched: WatchedPage, name: string): Promise<void> {
  await watched.page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** Everything must hold on every page: nothing logged as an error, nothing fetched. */
function clean(watched: WatchedPage): void {
  expect(watched.consoleErrors).toEqual([]);
  expect(watched.blocked).toEqual([]);
}

// without Chromium, launchChromium fails every test with how to install it (apt-get install chromium)
describe("deed page in Chromium", () => {
  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    dir = await mkdtemp(join(tmpdir(), "omrl-deed-"));
    // a tampered copy: the rate raised after signing
    const tampered = join(dir, "tampered");
    await cp(release, tampered, { recursive: true });
    const terms = JSON.parse(await readFile(join(tampered, "omrl.json"), "utf8"));
    terms.revenueShare.rate = "0.3%";
    await writeFile(join(tampered, "omrl.json"), JSON.stringify(terms, null, 2));
    // terms that fail the schema (money as a JSON number, a missing licensor), with markup in the name
    const bad = join(dir, "bad.json");
    const badTerms = JSON.parse(await readFile(join(release, "omrl.json"), "utf8"));
    badTerms.revenueShare.rate = 3;
    delete badTerms.licensor;
    badTerms.model.name = '<img src="https://evil.example/x.png" onerror="alert(1)">';
    await writeFile(bad, JSON.stringify(badTerms));
    const [owed] = await Promise.all([
      runOmrl(["owed", "--revenue", "revenue-2026-Q3.csv", "--period", "2026-Q3", "--rate", "USD/USDC=1", "--format", "json"], { cwd: appCi }),
      deed("release", release, 0),
      deed("tampered", tampered, 1),
      deed("tiny", join(appCi, "models/acme-tiny-1b"), 0),
      deed("llama", join(appCi, "vendor/acme-llama-3.2-1b-chat/omrl.json"), 0),
      deed("bad", bad, 1),
    ]);
    expect(owed.code, owed.stderr).toBe(0);
    statement = JSON.parse(owed.stdout) as Statement;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test("the release's deed shows its terms in plain words and reads valid", async () => {
    const terms = parseTerms(await readFile(join(release, "omrl.json"), "utf8"));
    const watched = await open("release");
    const { page } = watched;
    const deedEl = page.locator("omrl-deed");
    expect(await deedEl.getAttribute("data-state")).toBe("valid");
    const status = await deedEl.locator(".status").innerText();
    expect(status).toContain("Valid.");
    expect(status).toContain(`signed by the licensor, ${terms.licensor.name}`);
    expect(status).toContain(hashTerms(terms));
    const summary = await deedEl.locator(".deed").innerText();
    for (const text of [
      "OMRL Demo Tiny version 1.0.0",
      "omrl-examples/demo-tiny",
      "3% of the period's basis",
      "net revenue (gross revenue minus refunds",
      "each calendar quarter, in USD; payment due 30 days",
      "at or below 1,000,000 USD",
      "at or below 100,000",
      "USDC (6 decimals)",
      "Base (eip155:8453)",
      "Example Labs",
      "Demo funders",
      "70%",
      "relative: this model is owed its rate",
      "Built with OMRL Demo Tiny",
      "generate spam",
      "HuggingFaceTB/SmolLM2-135M",
      "4,256 bytes",
      terms.model.artifacts![0]!.sha256,
    ])
      expect(summary).toContain(text);
    // the lineage is a diagram with an accessible name
    expect(await deedEl.locator(".deed svg.lineage").getAttribute("aria-label")).toContain("fine-tuned from HuggingFaceTB/SmolLM2-135M (apache-2.0)");
    // the legal text is rendered inside the page, and the terms file is linked without the network
    expect(await page.locator("#legal h3").first().innerText()).toBe("Open Model Revenue License 1.0");
    expect(await page.locator('#terms-file a[download="omrl.json"]').getAttribute("href")).toMatch(/^data:application\/json/);
    // one h1, and the element's sections are h2 below it
    expect(await page.locator("h1").count()).toBe(1);
    expect(await deedEl.locator("h2").count()).toBeGreaterThanOrEqual(9);
    await shot(watched, "release");
    clean(watched);
    await watched.page.close();
  });

  test("a tampered copy reads invalid and says the terms changed after signing", async () => {
    const watched = await open("tampered");
    const deedEl = watched.page.locator("omrl-deed");
    expect(await deedEl.getAttribute("data-state")).toBe("invalid");
    const status = await deedEl.locator(".status").innerText();
    expect(status).toContain("Invalid.");
    expect(status).toContain("The signature does not match these terms");
    expect(status).toContain("changed after they were signed");
    expect(await deedEl.locator(".status").getAttribute("role")).toBe("alert");
    // what the page shows is what it checked: the tampered rate
    expect(await deedEl.locator(".deed").innerText()).toContain("0.3% of the period's basis");
    await shot(watched, "tampered");
    clean(watched);
    await watched.page.close();
  });

  /** Fills the calculator with the keyboard only (Tab into the form, type, Enter). */
  async function calculate(watched: WatchedPage, fields: Record<string, string>, report?: string) {
    const { page } = watched;
    const deedEl = page.locator("omrl-deed");
    if (report !== undefined) {
      await deedEl.locator("details:has(#omrl-report) summary").click();
      await deedEl.locator("#omrl-report").fill(report);
    }
    await page.locator("body").click({ position: { x: 1, y: 1 } });
    for (let i = 0; i < 200; i++) {
      await page.keyboard.press("Tab");
      const id = await page.evaluate(() => document.querySelector("omrl-deed")?.shadowRoot?.activeElement?.id);
      if (id === "omrl-period") break;
    }
    for (const name of ["period", "gross", "refunds", "mau", "weight", "rate"]) {
      const id = await page.evaluate(() => document.querySelector("omrl-deed")?.shadowRoot?.activeElement?.id);
      if (id !== `omrl-${name}`) continue;
      await page.keyboard.press("Control+A");
      await page.keyboard.type(fields[name] ?? "");
      await page.keyboard.press("Tab");
    }
    await deedEl.locator("#omrl-rate").press("Enter");
    await deedEl.locator(".result :is(.obligation, .error)").first().waitFor();
    return deedEl.locator(".result");
  }

  async function owedOnPage(result: Awaited<ReturnType<typeof calculate>>) {
    const article = result.locator(".obligation").first();
    return {
      period: await article.getAttribute("data-period"),
      amount: await article.locator(".owed").getAttribute("data-amount"),
      payees: await article.locator("tr[data-account]").evaluateAll((rows) => rows.map((r) => ({ account: r.getAttribute("data-account"), amount: r.getAttribute("data-amount") }))),
      text: (await result.textContent()) ?? "",
    };
  }

  const expected = (id: string) => {
    const o = statement.obligations.find((x) => x.id === id)!;
    return { period: o.period, amount: o.amount, payees: o.payees.map((p) => ({ account: p.account, amount: p.amount })) };
  };

  test("the calculator's result for the app-ci revenue equals omrl owed's statement to the base unit", async () => {
    const csv = await readFile(join(appCi, "revenue-2026-Q3.csv"), "utf8");
    // acme/tiny-1b: period totals typed with the keyboard (gross and refunds summed over the quarter, the largest MAU)
    const tiny = await open("tiny");
    const fromFields = await owedOnPage(await calculate(tiny, { period: "2026-Q3", gross: "138750.50", refunds: "3050.50", mau: "21300", weight: "0.4", rate: "1" }));
    expect(fromFields).toMatchObject(expected("acme/tiny-1b:2026-Q3"));
    expect(fromFields.text).toContain("attributable = net 135700 × 0.4 = 54280");
    await shot(tiny, "calculator-tiny");
    clean(tiny);
    await tiny.page.close();
    // the Llama derivative: the same CSV file omrl owed read, pasted
    const llama = await open("llama");
    const fromReport = await owedOnPage(await calculate(llama, { weight: "0.6", rate: "1" }, csv));
    expect(fromReport).toMatchObject(expected("acme/Llama-3.2-1B-Chat-OMRL:2026-Q3"));
    await shot(llama, "calculator-llama");
    clean(llama);
    await llama.page.close();
  });

  test("the calculator explains bad input instead of computing", async () => {
    const watched = await open("tiny");
    const result = await calculate(watched, { period: "2026-Q3", gross: "12,5", weight: "0.4", rate: "1" });
    expect(await result.locator(".error").innerText()).toContain("gross revenue must be a plain value");
    const again = await calculate(watched, { period: "2026-Q3", gross: "100", weight: "1.5", rate: "1" });
    expect(await again.locator(".error").innerText()).toContain("attribution weight 1.5 is more than 1");
    clean(watched);
    await watched.page.close();
  });

  test("terms that fail the schema render a clear error, with markup shown as text", async () => {
    const watched = await open("bad");
    const deedEl = watched.page.locator("omrl-deed");
    expect(await deedEl.getAttribute("data-state")).toBe("error");
    const status = await deedEl.locator(".status").innerText();
    expect(status).toContain("These are not valid OMRL 1.0 terms");
    expect(status).toContain("/revenueShare/rate: is the JSON number 3");
    expect(status).toContain('missing required field "licensor"');
    expect(await watched.page.locator("img").count()).toBe(0);
    expect(await deedEl.locator("img").count()).toBe(0);
    await shot(watched, "bad-schema");
    clean(watched);
    await watched.page.close();
  });

  test("huge or hostile JSON given to the element renders an error, never a blank", async () => {
    const watched = await open("release");
    const { page } = watched;
    const cases: [string, string][] = [
      ["huge", "{\"omrl\":\"1.0\",\"pad\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}"],
      ["deep", "[".repeat(200_000) + "]".repeat(200_000)],
      ["not-json", "{\"omrl\": \"1.0\", oops}"],
      ["proto", '{"__proto__":{"polluted":true},"omrl":"1.0"}'],
    ];
    for (const [name, text] of cases) {
      const outcome = await page.evaluate(async (terms) => {
        const el = document.querySelector("omrl-deed") as HTMLElement & { terms: string };
        const done = new Promise<string>((resolve) => el.addEventListener("omrl-deed-status", (e) => resolve((e as CustomEvent).detail.status.state), { once: true }));
        el.terms = terms;
        const state = await done;
        return { state, text: el.shadowRoot!.querySelector(".status")!.textContent, polluted: ({} as Record<string, unknown>).polluted };
      }, text);
      expect(outcome.state, name).toBe("error");
      expect(outcome.text, name).toMatch(/not valid OMRL 1\.0 terms/);
      expect(outcome.polluted, name).toBeUndefined();
      if (name === "huge") expect(outcome.text).toContain("is larger than 4194304 bytes");
      if (name === "not-json") expect(outcome.text).toContain("is not valid JSON");
    }
    await shot(watched, "hostile");
    clean(watched);
    await watched.page.close();
  });

  test("accessible, readable on a phone, printable", async () => {
    const watched = await open("release", { width: 375 });
    const { page } = watched;
    // every form control has a label; no horizontal scrolling at phone width
    const unlabelled = await page.evaluate(() => {
      const rootNode = document.querySelector("omrl-deed")!.shadowRoot!;
      return Array.from(rootNode.querySelectorAll("input, textarea")).filter((e) => (e as HTMLInputElement).labels?.length === 0).map((e) => e.id);
    });
    expect(unlabelled).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(watched, "release-phone");
    // print: the calculator's form is left out, the summary and legal text stay
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("omrl-deed .deed form").isVisible()).toBe(false);
    expect(await page.locator("omrl-deed .deed #omrl-revenue").isVisible()).toBe(true);
    await page.pdf({ path: join(SHOTS, "release-print.pdf") });
    clean(watched);
    await watched.page.close();
  });
});
