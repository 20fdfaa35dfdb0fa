import { describe, expect, it } from "vitest";
import { appChecks, formatShare, hashTerms, runAppChecks, stackedShare, totalStackedShare, type AppContext } from "../../src/index.js";
import { ancestor, context, model, terms } from "./fixtures.js";

const ids = (ctx: AppContext, check: string) => runAppChecks(ctx).diagnostics.filter((d) => d.ruleId === check);
const OMRL = "LicenseRef-OMRL-1.0";
const unsigned = { valid: false, byLicensor: false, termsHash: `0x${"0".repeat(64)}` as const, reason: "unsigned" as const };
const signedOk = { valid: true, byLicensor: true, termsHash: `0x${"0".repeat(64)}` as const };

describe("app checks", () => {
  it("every check has an app/ id, a description, a severity and a docs anchor in docs/app.md", () => {
    for (const check of appChecks) {
      expect(check.meta.id).toMatch(/^app\/[a-z-]+$/);
      expect(check.meta.description.length).toBeGreaterThan(10);
      expect(check.meta.docs).toBe(`docs/app.md#${check.meta.id.replace("/", "-")}`);
    }
    expect(new Set(appChecks.map((c) => c.meta.id)).size).toBe(appChecks.length);
  });

  it("a clean app has no errors or warnings", () => {
    const result = runAppChecks(context([model("a", { license: "MIT" })], { maxTotalRevenueShare: "10%", licenses: { allow: ["category:permissive"], deny: ["category:non-commercial"] } }));
    expect(result.errors).toBe(0);
    expect(result.warnings).toBe(0);
  });

  it("app/commercial-use: error for a non-commercial licence used in the product; silent for evaluation and internal; warning when unknown", () => {
    const nc = model("nc", { license: "CC-BY-NC-4.0" });
    expect(ids(context([nc]), "app/commercial-use")).toMatchObject([{ severity: "error", model: "nc", message: expect.stringContaining("does not allow commercial use") }]);
    expect(ids(context([{ ...nc, use: "evaluation" }]), "app/commercial-use")).toEqual([]);
    expect(ids(context([{ ...nc, use: "internal" }]), "app/commercial-use")).toEqual([]);
    expect(ids(context([model("x", { license: "LicenseRef-other" })]), "app/commercial-use")).toMatchObject([{ severity: "warning" }]);
    // OR: the licensee may pick the commercial alternative
    expect(ids(context([model("dual", { license: "CC-BY-NC-4.0 OR MIT" })]), "app/commercial-use")).toEqual([]);
  });

  it("app/non-commercial-upstream: error when an ancestor forbids commercial use and the use is commercial", () => {
    const m = model("ft", { license: OMRL, lineage: [ancestor("acme/base", "Apache-2.0"), ancestor("research/nc", "CC-BY-NC-4.0", { depth: 2, child: "acme/base" })] });
    expect(ids(context([m]), "app/non-commercial-upstream")).toMatchObject([{ severity: "error", ancestor: "research/nc" }]);
    expect(ids(context([{ ...m, use: "evaluation" }]), "app/non-commercial-upstream")).toEqual([]);
    expect(ids(context([model("ok", { lineage: [ancestor("acme/base", "Apache-2.0")] })]), "app/non-commercial-upstream")).toEqual([]);
  });

  it("app/license-denied: SPDX ids, Hub ids and categories, on models and ancestors", () => {
    const llamaChild = model("chat", { license: OMRL, lineage: [ancestor("meta-llama/Llama-3.2-1B", "LicenseRef-Llama-3.2-Community")] });
    expect(ids(context([llamaChild], { licenses: { deny: ["llama3.2"] } }), "app/license-denied")).toMatchObject([{ ancestor: "meta-llama/Llama-3.2-1B", severity: "error" }]);
    expect(ids(context([llamaChild], { licenses: { deny: ["category:use-restrictions"] } }), "app/license-denied").map((d) => d.ancestor)).toEqual([undefined, "meta-llama/Llama-3.2-1B"]);
    expect(ids(context([model("gpl", { license: "GPL-3.0-only" })], { licenses: { deny: ["category:share-alike"] } }), "app/license-denied")).toHaveLength(1);
    expect(ids(context([model("rev", { license: OMRL })], { licenses: { deny: ["category:revenue-share"] } }), "app/license-denied")).toHaveLength(1);
    expect(ids(context([llamaChild], { licenses: { deny: ["category:non-commercial", "MIT"] } }), "app/license-denied")).toEqual([]);
    // an OR alternative without the denied licence is fine
    expect(ids(context([model("dual", { license: "GPL-3.0-only OR MIT" })], { licenses: { deny: ["GPL-3.0-only"] } }), "app/license-denied")).toEqual([]);
  });

  it("app/license-not-allowed: only with an allow list; every licence of some alternative must be allowed", () => {
    const chat = model("chat", { license: OMRL, lineage: [ancestor("meta-llama/Llama-3.2-1B", "LicenseRef-Llama-3.2-Community")] });
    expect(ids(context([chat]), "app/license-not-allowed")).toEqual([]);
    expect(ids(context([chat], { licenses: { allow: ["LicenseRef-OMRL-1.0", "llama3.2"] } }), "app/license-not-allowed")).toEqual([]);
    expect(ids(context([chat], { licenses: { allow: ["category:permissive", "omrl-1.0"] } }), "app/license-not-allowed")).toMatchObject([
      { ancestor: "meta-llama/Llama-3.2-1B", message: expect.stringContaining("does not allow LicenseRef-Llama-3.2-Community") },
    ]);
    expect(ids(context([model("m", { license: "Apache-2.0 AND LicenseRef-Gemma" })], { licenses: { allow: ["MIT OR Apache-2.0"] } }), "app/license-not-allowed")).toMatchObject([
      { message: expect.stringContaining("does not allow LicenseRef-Gemma") },
    ]);
  });

  it("app/unsigned-terms: unsigned fails only with requireSignedTerms; a bad or foreign signature always fails", () => {
    const t = terms("a", "5%");
    const m = model("a", { license: OMRL, terms: t, signature: unsigned });
    expect(ids(context([m]), "app/unsigned-terms")).toEqual([]);
    expect(ids(context([m], { requireSignedTerms: true }), "app/unsigned-terms")).toMatchObject([{ severity: "error", message: expect.stringContaining("not signed") }]);
    expect(ids(context([{ ...m, signature: signedOk }], { requireSignedTerms: true }), "app/unsigned-terms")).toEqual([]);
    const tampered = { ...m, signature: { ...unsigned, reason: "signer-mismatch" as const } };
    expect(ids(context([tampered]), "app/unsigned-terms")).toMatchObject([{ message: expect.stringContaining("does not verify") }]);
    const foreign = { ...m, signature: { valid: true, byLicensor: false, termsHash: unsigned.termsHash, signer: "0x1" as `0x${string}`, licensor: "0x2" as `0x${string}`, reason: "not-licensor" as const } };
    expect(ids(context([foreign]), "app/unsigned-terms")).toMatchObject([{ message: expect.stringContaining("not by the licensor") }]);
    const up = model("b", { lineage: [ancestor("acme/up", OMRL, { terms: t, signature: unsigned })] });
    expect(ids(context([up], { requireSignedTerms: true }), "app/unsigned-terms")).toMatchObject([{ ancestor: "acme/up" }]);
  });

  it("app/terms-hash-mismatch: the manifest's agreed hash and a child's upstream termsHash", () => {
    const t = terms("a", "5%");
    const m = model("a", { license: OMRL, terms: t, termsHash: hashTerms(t) });
    const ctx = context([m]);
    expect(ids(ctx, "app/terms-hash-mismatch")).toEqual([]);
    ctx.manifest.models[0]!.termsHash = `0x${"1".repeat(64)}`;
    expect(ids(ctx, "app/terms-hash-mismatch")).toMatchObject([{ model: "a", message: expect.stringContaining(`0x${"1".repeat(64)}`) }]);
    const up = model("b", { lineage: [ancestor("acme/up", OMRL, { terms: t, termsHash: hashTerms(t), declaredTermsHash: `0x${"2".repeat(64)}` })] });
    expect(ids(context([up]), "app/terms-hash-mismatch")).toMatchObject([{ ancestor: "acme/up" }]);
  });

  it("app/unverifiable-model: warning by default, error with unverifiableModels: deny; ancestors too", () => {
    const gated = model("g", { unverifiable: [{ reason: "gated", message: "access to acme/g is gated" }] });
    expect(ids(context([gated]), "app/unverifiable-model")).toMatchObject([{ severity: "warning", message: expect.stringContaining("[gated]") }]);
    expect(ids(context([gated], { unverifiableModels: "deny" }), "app/unverifiable-model")).toMatchObject([{ severity: "error" }]);
    const up = model("u", { lineage: [ancestor("meta-llama/Llama-3.2-1B", "LicenseRef-Llama-3.2-Community", { unverifiable: { reason: "gated", message: "gated" } })] });
    expect(ids(context([up]), "app/unverifiable-model")).toMatchObject([{ ancestor: "meta-llama/Llama-3.2-1B", message: expect.stringContaining("its child declares LicenseRef-Llama-3.2-Community") }]);
    expect(ids(context([model("fine")]), "app/unverifiable-model")).toEqual([]);
  });

  it("app/total-share-exceeded: exact stacked sums (absolute and relative), evaluation excluded, at the limit passes", () => {
    const parent = terms("parent", "10%", {}, "relative");
    const grand = terms("grand", "20%", {}, "relative");
    const abs = terms("abs", "2%", {}, "absolute");
    // leaf 5% + parent 10% (relative to the leaf's whole basis) + grandparent 20% of the parent's 10% + absolute 2% = 19%
    const leaf = model("leaf", {
      license: OMRL,
      terms: terms("leaf", "5%"),
      lineage: [
        ancestor("acme/parent", OMRL, { terms: parent, child: "leaf" }),
        ancestor("acme/abs", OMRL, { terms: abs, child: "leaf" }),
        ancestor("acme/grand", OMRL, { terms: grand, child: "acme/parent", depth: 2 }),
        ancestor("acme/apache", "Apache-2.0", { child: "leaf" }),
      ],
    });
    expect(formatShare(stackedShare(leaf).total)).toBe("19%");
    const tiered = model("tiered", { license: OMRL, terms: terms("tiered", "1%", { revenueShare: { rate: "1%", basis: "gross", period: "quarter", currency: "USD", dueDays: 30, tiers: [{ upTo: "1000", rate: "1%" }, { rate: "1.0001%" }] } }) });
    const ctx = context([leaf, tiered], { maxTotalRevenueShare: "20.0001%" });
    expect(formatShare(totalStackedShare(ctx))).toBe("20.0001%");
    expect(ids(ctx, "app/total-share-exceeded")).toEqual([]);
    ctx.manifest.policy!.maxTotalRevenueShare = "20%";
    expect(ids(ctx, "app/total-share-exceeded")).toMatchObject([{ severity: "error", message: "total revenue share 20.0001% (leaf 19% + tiered 1.0001%) exceeds the policy's maximum 20%" }]);
    // evaluation use owes nothing and does not count
    expect(ids(context([leaf, { ...tiered, use: "evaluation" }], { maxTotalRevenueShare: "19%" }), "app/total-share-exceeded")).toEqual([]);
    // relative chains below ppm resolution stay exact
    const deep = model("deep", { license: OMRL, terms: terms("deep", "0.0001%"), lineage: [ancestor("acme/p", OMRL, { terms: terms("p", "0.0001%", {}, "relative"), child: "deep" }), ancestor("acme/g", OMRL, { terms: terms("g", "0.0001%", {}, "relative"), child: "acme/p", depth: 2 })] });
    expect(formatShare(stackedShare(deep).total)).toBe("0.0002000001%");
  });

  it("app/threshold-notice: Llama's 700M MAU and OMRL exemption thresholds, as info, only for commercial use", () => {
    const chat = model("chat", {
      license: OMRL,
      terms: terms("chat", "2%", { revenueShare: { rate: "2%", basis: "net", period: "quarter", currency: "USD", dueDays: 30, thresholds: { annualRevenue: "1000000", revenueWindow: "calendar_year" } } }),
      lineage: [ancestor("meta-llama/Llama-3.2-1B", "LicenseRef-Llama-3.2-Community")],
    });
    const found = ids(context([chat]), "app/threshold-notice");
    expect(found.every((d) => d.severity === "info")).toBe(true);
    expect(found.map((d) => d.message)).toEqual([
      expect.stringContaining("annual revenue at or below 1000000 USD (calendar_year)"),
      expect.stringContaining("above 700,000,000 monthly active users"),
    ]);
    expect(ids(context([{ ...chat, use: "internal" }]), "app/threshold-notice")).toEqual([]);
    expect(ids(context([model("mit", { license: "MIT" })]), "app/threshold-notice")).toEqual([]);
  });

  it("app/obligations: attribution texts, notices, naming, flow-down, OMRL attribution and share", () => {
    const chat = model("chat", {
      use: "fine-tuned",
      license: OMRL,
      terms: terms("chat", "2%", { attribution: { required: true, text: "Uses Chat" }, useRestrictions: ["No spam."] }),
      lineage: [ancestor("meta-llama/Llama-3.2-1B", "LicenseRef-Llama-3.2-Community"), ancestor("google/gemma", "LicenseRef-Gemma")],
    });
    const [info] = ids(context([chat]), "app/obligations");
    expect(info?.severity).toBe("info");
    for (const part of ['display "Built with Llama"', "ship the LicenseRef-Gemma notice", 'name beginning with "Llama"', "Gemma Prohibited Use Policy", 'attribute chat: "Uses Chat"', "No spam.", "pay 2% of the model's gross revenue per quarter"])
      expect(info?.message).toContain(part);
    expect(info?.message).not.toContain("As the release's omrl.json says");
    expect(ids(context([model("plain", { license: "0BSD" })]), "app/obligations")).toEqual([]);
  });

  it("app/derivative-naming: a Llama derivative named otherwise warns; Llama-… passes", () => {
    const lineage = [ancestor("meta-llama/Llama-3.2-1B", "LicenseRef-Llama-3.2-Community")];
    expect(ids(context([model("chat", { name: "Acme Chat", lineage })]), "app/derivative-naming")).toMatchObject([{ severity: "warning", ancestor: "meta-llama/Llama-3.2-1B" }]);
    expect(ids(context([model("chat", { name: "Llama-3.2-Acme-Chat", lineage })]), "app/derivative-naming")).toEqual([]);
    expect(ids(context([model("chat", { name: "Acme Chat", lineage: [ancestor("x/y", "Apache-2.0")] })]), "app/derivative-naming")).toEqual([]);
  });

  it("severity overrides and off, like an ESLint config", () => {
    const ctx = context([model("nc", { license: "CC-BY-NC-4.0" })]);
    expect(runAppChecks(ctx, { severities: { "app/commercial-use": "warning" } })).toMatchObject({ errors: 0, warnings: 1 });
    expect(runAppChecks(ctx, { severities: { "app/commercial-use": "off" } }).diagnostics.some((d) => d.ruleId === "app/commercial-use")).toBe(false);
  });
});
