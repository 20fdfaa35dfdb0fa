import { readFile } from "node:fs/promises";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { calculateOwed, checkDeedTerms, DEED_CSS, describeTerms, escapeHtml, markdownToHtml, renderDeedPage, renderOwedResult, formatBaseUnits } from "../../src/deed/index.js";
import { parseTerms, type OmrlTerms } from "../../src/terms/index.js";

const releaseText = await readFile(new URL("../../examples/model-release/omrl.json", import.meta.url), "utf8");
const release = parseTerms(releaseText);
const clone = (): OmrlTerms => JSON.parse(releaseText) as OmrlTerms;

describe("escapeHtml and markdownToHtml", () => {
  test("escapes every markup character", () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  });
  test("renders the licence Markdown with no raw HTML and no script links", () => {
    const html = markdownToHtml("# Title\n\nSome **bold** and `<b>code</b>` text.\n\n- one\n  continued\n- two\n\n<script>alert(1)</script>\n\n[ok](https://example.com) [bad](javascript:alert(1))", { headingOffset: 2 });
    expect(html).toContain('<h3 id="legal-title">Title</h3>');
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<code>&lt;b&gt;code&lt;/b&gt;</code>");
    expect(html).toContain("<li>one continued</li>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain('<a href="https://example.com">ok</a>');
    expect(html).not.toContain("javascript:");
    expect(html).not.toMatch(/<script/);
  });
});

describe("describeTerms", () => {
  test("says tiers, caps, roles and routers in plain words", () => {
    const terms = clone();
    terms.revenueShare.tiers = [{ upTo: "10000", rate: "5%" }, { rate: "2.5%" }];
    terms.revenueShare.cap = "250000";
    delete terms.revenueShare.thresholds;
    terms.payment.payees[1]!.role = "funders";
    const d = describeTerms(terms);
    const line = (label: string) => [...d.revenue, ...d.payment].find((l) => l.label === label)?.text;
    expect(line("Rate")).toBe("tiered, each rate on its band of the period's basis (marginal): 5% of the part from 0 to 10,000 USD; 2.5% of the part above 10,000 USD");
    expect(line("Cap")).toBe("at most 250,000 USD per period (no carry-over)");
    expect(line("Exempt when")).toBe("never: the terms set no exemption threshold");
    expect(d.payees.map((p) => [p.name, p.share, p.role])).toEqual([["Example Labs", "70%", "—"], ["Demo funders", "30%", "funders"]]);
  });
});

describe("checkDeedTerms", () => {
  test("valid example release", async () => {
    const { status } = await checkDeedTerms(releaseText);
    expect(status.state).toBe("valid");
  });
  test("a changed byte that matters is caught and named", async () => {
    const terms = clone();
    terms.payment.payees[0]!.share = "71%";
    terms.payment.payees[1]!.share = "29%";
    const { status } = await checkDeedTerms(JSON.stringify(terms));
    expect(status.state).toBe("invalid");
    expect(status.problems[0]).toContain("The signature does not match these terms");
  });
  test("unsigned terms are invalid, not an error", async () => {
    const terms = clone();
    delete terms.signature;
    const { status } = await checkDeedTerms(terms);
    expect(status).toMatchObject({ state: "invalid", problems: ["The terms carry no signature, so nothing shows that the licensor issued them."] });
  });
  test("schema failures list every problem with its pointer; floods are bounded", async () => {
    const terms = clone() as unknown as Record<string, unknown>;
    terms.useRestrictions = Array.from({ length: 500 }, () => 7);
    const { status, terms: shown } = await checkDeedTerms(terms);
    expect(shown).toBeUndefined();
    expect(status.state).toBe("error");
    expect(status.problems.length).toBeLessThanOrEqual(21);
    expect(status.problems.at(-1)).toMatch(/^… and \d+ more$/);
  });
});

describe("calculateOwed", () => {
  test("names the field that is wrong", () => {
    expect(() => calculateOwed({ terms: release, period: "2026-Q3", gross: "1,000", tokenPerFiat: "1" })).toThrow(/gross revenue must be a plain value/);
    expect(() => calculateOwed({ terms: release, period: "", gross: "1000", tokenPerFiat: "1" })).toThrow(/give the period/);
    expect(() => calculateOwed({ terms: release, period: "2026-Q3", gross: "1000", tokenPerFiat: "0" })).toThrow(/must be greater than 0/);
  });

  test("a quarter's totals typed in give exactly what its monthly report gives; the split sums exactly", () => {
    const cents = fc.bigInt({ min: 0n, max: 60_000_000_00n });
    const money = (c: bigint) => `${c / 100n}.${(c % 100n).toString().padStart(2, "0")}`;
    fc.assert(
      fc.property(fc.tuple(cents, cents, cents), fc.tuple(cents, cents, cents), fc.tuple(fc.nat(300_000), fc.nat(300_000), fc.nat(300_000)), fc.constantFrom("1", "0.9998", "1.0001"), (gross, refunds, mau, rate) => {
        const months = ["2026-07", "2026-08", "2026-09"];
        const report = `period,currency,gross,refunds,mau\n${months.map((m, i) => `${m},USD,${money(gross[i]!)},${money(refunds[i]!)},${mau[i]}`).join("\n")}\n`;
        const monthly = calculateOwed({ terms: release, report, tokenPerFiat: rate }).obligations;
        const typed = calculateOwed({
          terms: release,
          period: "2026-Q3",
          gross: money(gross.reduce((a, b) => a + b)),
          refunds: money(refunds.reduce((a, b) => a + b)),
          mau: String(Math.max(...mau)),
          tokenPerFiat: rate,
        }).obligations;
        expect(typed.map((o) => [o.period, o.exempt, o.amount, o.payees])).toEqual(monthly.map((o) => [o.period, o.exempt, o.amount, o.payees]));
        for (const o of typed) expect(o.payees.reduce((sum, p) => sum + BigInt(p.amount), 0n)).toBe(BigInt(o.amount));
      }),
      { numRuns: 60 },
    );
  });

  test("the result shows token amounts exactly", () => {
    expect(formatBaseUnits("2714000000", 6)).toBe("2714");
    expect(formatBaseUnits("5", 6)).toBe("0.000005");
    expect(formatBaseUnits("1899800000", 6)).toBe("1899.8");
    const { obligations } = calculateOwed({ terms: release, period: "2026-Q3", gross: "2000000", mau: "200000", tokenPerFiat: "1" });
    const html = renderOwedResult(obligations, release);
    expect(html).toContain('data-amount="60000000000"');
    expect(html).toContain("60,000 USDC");
  });
});

describe("renderDeedPage", () => {
  const script = 'console.log("</script><b>")';
  const html = renderDeedPage({ termsText: releaseText, elementScript: script, legalText: "# OMRL\n\ntext" });
  test("allows only its own inlined script, by hash, and no network", async () => {
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!.replace(/&#39;/g, "'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).not.toContain("unsafe-eval");
    const inlined = /<script type="module">([\s\S]*)<\/script>\n<\/body>/.exec(html)![1]!;
    expect(inlined).toBe('console.log("<\\/script><b>")');
    const digest = Buffer.from(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(inlined))).toString("base64");
    expect(csp).toContain(`'sha256-${digest}'`);
    expect(html).not.toMatch(/\ssrc=|<link\s/);
  });
  test("embeds the terms byte for byte", () => {
    const attribute = /<omrl-deed calculator heading-level="2" terms="([^"]*)">/.exec(html)![1]!;
    const unescaped = attribute.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
    expect(unescaped).toBe(releaseText);
  });
});

describe("contrast of the default theme (WCAG AA)", () => {
  const color = (name: string) => new RegExp(`--${name}:var\\(--omrl-deed-${name},(#[0-9a-f]{6})\\)`).exec(DEED_CSS)![1]!;
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const ratio = (a: string, b: string) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x! + 0.05) / (y! + 0.05);
  };
  test.each([
    ["fg", "bg"],
    ["fg", "card"],
    ["muted", "bg"],
    ["muted", "card"],
    ["accent", "bg"],
    ["accent", "card"],
    ["ok", "bg"],
    ["bad", "bg"],
    ["warn", "bg"],
  ])("%s on %s is at least 4.5:1", (fg, bg) => {
    expect(ratio(color(fg), color(bg))).toBeGreaterThanOrEqual(4.5);
  });
  test("button text on the accent is at least 4.5:1", () => {
    expect(ratio("#ffffff", color("accent"))).toBeGreaterThanOrEqual(4.5);
  });
});
