import { describe, expect, it } from "vitest";
import hubList from "./hub-license-ids.json" with { type: "json" };
import {
  knowledgeBase,
  listLicenses,
  lookupLicense,
  parseLicenseExpression,
  type LicenseEntry,
} from "../../src/licenses/index.js";

const PERMISSIONS = ["allowed", "restricted", "forbidden", "unknown"];
const FLAGS = [true, false, "unknown"];
const CATEGORIES = [
  "permissive", "copyleft", "weak-copyleft", "non-commercial", "openrail",
  "model-community", "public-domain", "data", "unknown", "other",
];

function entry(id: string): LicenseEntry {
  const found = lookupLicense(id);
  if (!found) throw new Error(`no entry for ${id}`);
  return found;
}

describe("coverage of the Hugging Face Hub licence list", () => {
  it("the stored Hub list is the real one (83 ids, names its source commit)", () => {
    expect(hubList.ids).toHaveLength(83);
    expect(new Set(hubList.ids).size).toBe(83);
    expect(hubList.source.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(hubList.ids).toEqual(expect.arrayContaining(["apache-2.0", "llama3.3", "llama4", "grok2-community", "gemma", "unknown", "other"]));
  });

  it("has exactly one entry for every Hub id, and no Hub-list entry that the Hub does not have", () => {
    const missing = hubList.ids.filter((id) => !knowledgeBase.some((e) => e.hubId === id));
    expect(missing).toEqual([]);
    const onList = listLicenses({ hubListOnly: true }).map((e) => e.hubId);
    expect(onList).toEqual(hubList.ids);
    for (const id of hubList.ids) expect(knowledgeBase.filter((e) => e.hubId === id)).toHaveLength(1);
  });

  it("adds omrl-1.0 and the Stability AI community licence as license: other + license_name", () => {
    const extra = knowledgeBase.filter((e) => !e.onHubList);
    expect(extra.map((e) => e.hubId).sort()).toEqual(["omrl-1.0", "stabilityai-ai-community"]);
    for (const e of extra) expect(e.hubCard).toEqual({ license: "other", licenseName: e.hubId });
    expect(listLicenses()).toHaveLength(85);
  });
});

describe("every entry is well-formed", () => {
  it.each(knowledgeBase.map((e) => [e.hubId, e] as const))("%s", (_id, e) => {
    expect(PERMISSIONS).toContain(e.commercialUse);
    expect(PERMISSIONS).toContain(e.derivatives);
    expect(FLAGS).toContain(e.shareAlike);
    expect(FLAGS).toContain(e.attribution.required);
    expect(FLAGS).toContain(e.useRestrictions.flowDown);
    expect(e.category.length).toBeGreaterThan(0);
    for (const c of e.category) expect(CATEGORIES).toContain(c);
    expect(e.url).toMatch(/^(https:\/\/|license-templates\/)/);
    expect(e.name.length).toBeGreaterThan(0);
    // The SPDX id is one licence the parser accepts, as written
    expect(parseLicenseExpression(e.spdx)).toEqual({ license: e.spdx });
    if (e.onHubList) expect(e.hubCard).toEqual({ license: e.hubId });
    if (e.revenueThreshold) expect(e.revenueThreshold.annualRevenue).toMatch(/^[0-9]+(\.[0-9]+)?$/);
    if (e.userThreshold) expect(Number.isSafeInteger(e.userThreshold.monthlyActiveUsers)).toBe(true);
    // a restriction or a "forbidden" says what it is
    if (e.commercialUse === "restricted" || e.commercialUse === "forbidden") expect(e.commercialConditions).toBeTruthy();
    if (e.derivatives === "restricted" || e.derivatives === "forbidden") expect(e.derivativeConditions).toBeTruthy();
    if (e.useRestrictions.flowDown === true) expect(e.useRestrictions.source).toBeTruthy();
    // the lookup finds the entry by each of its names, in any case
    for (const name of [e.hubId, e.spdx, e.hubId.toUpperCase(), e.spdx.toLowerCase(), ...(e.aliases ?? [])]) {
      expect(lookupLicense(name)?.hubId).toBe(e.hubId);
    }
  });

  it("no two entries share a name (Hub id, SPDX id, alias), ignoring case", () => {
    const owner = new Map<string, string>();
    for (const e of knowledgeBase) {
      for (const name of new Set([e.hubId, e.spdx, ...(e.aliases ?? [])].map((n) => n.toLowerCase()))) {
        expect(owner.get(name) ?? e.hubId, name).toBe(e.hubId);
        owner.set(name, e.hubId);
      }
    }
  });

  it("unknown and other map to LicenseRefs with every property unknown", () => {
    for (const [id, spdx] of [["unknown", "LicenseRef-unknown"], ["other", "LicenseRef-other"]] as const) {
      const e = entry(id);
      expect(e.spdx).toBe(spdx);
      expect([e.commercialUse, e.derivatives, e.shareAlike, e.attribution.required, e.useRestrictions.flowDown]).toEqual(
        ["unknown", "unknown", "unknown", "unknown", "unknown"],
      );
    }
  });
});

describe("accuracy of the important licences", () => {
  it("llama3.1: 700M MAU, Built with Llama, name prefix Llama, AUP flows down", () => {
    const e = entry("llama3.1");
    expect(e.spdx).toBe("LicenseRef-Llama-3.1-Community");
    expect(e.commercialUse).toBe("restricted");
    expect(e.userThreshold?.monthlyActiveUsers).toBe(700_000_000);
    expect(e.attribution).toMatchObject({ required: true, text: "Built with Llama" });
    expect(e.attribution.notice).toContain("Llama 3.1 is licensed under the Llama 3.1 Community License");
    expect(e.naming?.prefix).toBe("Llama");
    expect(e.useRestrictions).toMatchObject({ flowDown: true, source: "Llama 3.1 Acceptable Use Policy" });
    expect(e.category).toEqual(["model-community"]);
  });

  it("the Llama family: 700M MAU everywhere; prefix and Built-with from Llama 3 on; no improving other LLMs in 2 and 3", () => {
    for (const id of ["llama2", "llama3", "llama3.1", "llama3.2", "llama3.3", "llama4"]) {
      expect(entry(id).userThreshold?.monthlyActiveUsers, id).toBe(700_000_000);
      expect(entry(id).useRestrictions.flowDown, id).toBe(true);
    }
    expect(entry("llama2").naming).toBeUndefined();
    expect(entry("llama2").attribution.text).toBeUndefined();
    expect(entry("llama3").naming?.prefix).toBe("Llama 3");
    expect(entry("llama3").attribution.text).toBe("Built with Meta Llama 3");
    for (const id of ["llama3.2", "llama3.3", "llama4"]) expect(entry(id).naming?.prefix, id).toBe("Llama");
    expect(entry("llama2").derivatives).toBe("restricted");
    expect(entry("llama3").derivatives).toBe("restricted");
    expect(entry("llama3.1").derivatives).toBe("allowed");
    expect(entry("llama3.2").commercialConditions).toMatch(/European Union/);
  });

  it("gemma: commercial allowed, Prohibited Use Policy flows down, NOTICE text", () => {
    const e = entry("gemma");
    expect(e.commercialUse).toBe("allowed");
    expect(e.useRestrictions).toMatchObject({ flowDown: true, source: "Gemma Prohibited Use Policy" });
    expect(e.attribution.notice).toBe(
      "Gemma is provided under and subject to the Gemma Terms of Use found at ai.google.dev/gemma/terms",
    );
  });

  it("cc-by-nc-*: commercial use forbidden, in every version and variant", () => {
    const nc = knowledgeBase.filter((e) => e.hubId.startsWith("cc-by-nc"));
    expect(nc.map((e) => e.hubId)).toHaveLength(8);
    for (const e of nc) {
      expect(e.commercialUse, e.hubId).toBe("forbidden");
      expect(e.category, e.hubId).toContain("non-commercial");
    }
    expect(entry("cc-by-nc-4.0")).toMatchObject({ spdx: "CC-BY-NC-4.0", shareAlike: false, derivatives: "restricted" });
    expect(entry("cc-by-nc-nd-4.0").derivatives).toBe("forbidden");
    expect(entry("cc-by-nc-sa-4.0").shareAlike).toBe(true);
  });

  it("OpenRAIL licences allow commercial use and derivatives, with use restrictions that flow down", () => {
    for (const id of ["openrail", "openrail++", "bigscience-openrail-m", "creativeml-openrail-m", "bigscience-bloom-rail-1.0", "bigcode-openrail-m"]) {
      const e = entry(id);
      expect(e.commercialUse, id).toBe("allowed");
      expect(e.derivatives, id).toBe("allowed");
      expect(e.useRestrictions.flowDown, id).toBe(true);
      expect(e.category, id).toContain("openrail");
    }
    expect(entry("openrail++")).toMatchObject({ spdx: "LicenseRef-OpenRAIL-PlusPlus-M", useRestrictions: { source: "Attachment A (Use Restrictions)" } });
  });

  it("apache-2.0 and mit: permissive, notices kept, nothing flows down", () => {
    for (const [id, spdx] of [["apache-2.0", "Apache-2.0"], ["mit", "MIT"]]) {
      expect(entry(id!)).toMatchObject({
        spdx, commercialUse: "allowed", derivatives: "allowed", shareAlike: false,
        attribution: { required: true }, useRestrictions: { flowDown: false }, category: ["permissive"],
      });
    }
  });

  it("agpl-3.0 is copyleft (SPDX -only, with the deprecated and -or-later forms as aliases); cc-by-sa-4.0 is share-alike", () => {
    expect(entry("agpl-3.0")).toMatchObject({ spdx: "AGPL-3.0-only", shareAlike: true, commercialUse: "allowed", category: ["copyleft"] });
    expect(lookupLicense("AGPL-3.0-or-later")?.hubId).toBe("agpl-3.0");
    expect(entry("cc-by-sa-4.0")).toMatchObject({ spdx: "CC-BY-SA-4.0", shareAlike: true, commercialUse: "allowed", derivatives: "allowed" });
  });

  it("Stability AI community licence: US$1M revenue threshold, Powered by Stability AI", () => {
    const e = entry("stabilityai-ai-community");
    expect(e.revenueThreshold).toMatchObject({ annualRevenue: "1000000", currency: "USD" });
    expect(e.attribution.text).toBe("Powered by Stability AI");
    expect(e.commercialUse).toBe("restricted");
  });

  it("omrl-1.0 is LicenseRef-OMRL-1.0 and owes a revenue share", () => {
    expect(entry("omrl-1.0")).toMatchObject({ spdx: "LicenseRef-OMRL-1.0", revenueShare: true, onHubList: false });
    expect(lookupLicense("licenseref-omrl-1.0")?.hubId).toBe("omrl-1.0");
  });

  it("research-only licences forbid commercial use", () => {
    for (const id of ["deepfloyd-if-license", "fair-noncommercial-research-license", "apple-amlr", "h-research", "intel-research"]) {
      expect(entry(id).commercialUse, id).toBe("forbidden");
    }
  });

  it("lookup misses return undefined", () => {
    expect(lookupLicense("no-such-licence")).toBeUndefined();
    expect(lookupLicense("")).toBeUndefined();
  });
});
