import { describe, expect, it } from "vitest";
import { renderLicense, type OmrlTerms } from "../../src/terms/index.js";
import { exampleTerms } from "../fixtures/terms.js";

describe("renderLicense", () => {
  it("fills every placeholder from the terms", () => {
    const text = renderLicense(exampleTerms());
    expect(text).not.toMatch(/\{\{|\}\}/);
    for (const expected of [
      "# Open Model Revenue License 1.0",
      "SPDX-License-Identifier: LicenseRef-OMRL-1.0",
      "**Licensor:** Acme Labs (`eip155:8453:0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266`)",
      "- 5% on the part of the basis up to 1000000 USD;",
      "- 3% on the part of the basis above 1000000 USD;",
      "is at most 250000.00 USD",
      "at or below 1000000.00\n  USD",
      "at\n  or below 100000.",
      "- `0x70997970C51812dc3A010C7d01b50e0d17dc79C8` (Core team): 70%",
      "computed **relatively**",
      'display the notice "Built with Acme Tiny 1B"',
      "1. No use to generate spam.",
      "- `meta-llama/Llama-3.2-1B`, under `llama3.2` (finetune)",
      "Net Revenue for the Period",
      "calendar quarter",
    ])
      expect(text).toContain(expected);
  });

  it("is deterministic and changes when a term changes", () => {
    const terms = exampleTerms();
    expect(renderLicense(terms)).toBe(renderLicense(structuredClone(terms)));
    const changed: OmrlTerms = { ...terms, revenueShare: { ...terms.revenueShare, dueDays: 45 } };
    expect(renderLicense(changed)).not.toBe(renderLicense(terms));
  });

  it("remembers texts by the terms' content: in-place changes, undefined fields and non-JSON values still render what they are", () => {
    const terms = exampleTerms();
    const first = renderLicense(terms);
    expect(renderLicense(terms)).toBe(first);
    terms.revenueShare.dueDays = 45; // the same object, changed in place
    const changed = renderLicense(terms);
    expect(changed).not.toBe(first);
    expect(changed).toBe(renderLicense(structuredClone(terms)));
    // a Date renders as String(date), its JSON is the ISO string: the two must not share a text
    const iso = new Date(0).toISOString();
    const asString = exampleTerms();
    asString.licensor.name = iso;
    const asDate = exampleTerms();
    (asDate.licensor as { name: unknown }).name = new Date(0);
    expect(renderLicense(asString)).toContain(`**Licensor:** ${iso}`);
    expect(renderLicense(asDate)).toContain(`**Licensor:** ${String(new Date(0))}`);
    expect(renderLicense(asString)).toContain(`**Licensor:** ${iso}`);
  });

  it("renders minimal terms without empty sections", () => {
    const t = exampleTerms();
    delete t.revenueShare.tiers, delete t.revenueShare.thresholds, delete t.revenueShare.cap;
    delete t.useRestrictions, delete t.upstream, delete t.funding, delete t.attribution;
    t.derivatives = { allowed: false, reciprocal: false, stacking: "absolute" };
    const text = renderLicense(t);
    expect(text).toContain("You owe\n5% of the revenue basis.");
    expect(text).not.toContain("Attachment A");
    expect(text).not.toContain("**Exemptions.**");
    expect(text).toContain("You may not distribute Derivatives.");
    expect(text).toContain("not derived from another model");
    expect(text).not.toMatch(/\n\n\n/);
  });

  it("does not HTML-escape text", () => {
    const t = exampleTerms();
    t.licensor.name = "Smith & <Sons>";
    expect(renderLicense(t)).toContain("Smith & <Sons>");
  });
});
