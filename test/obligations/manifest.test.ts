import { describe, expect, it } from "vitest";
import { InvalidAppManifestError, parseAppManifest } from "../../src/index.js";
import { address } from "./fixtures.js";

const base = () => ({
  omrlApp: "1.0",
  licensee: { name: "Acme Apps", account: `eip155:8453:${address(9)}` },
  models: [
    { source: "hf:acme/tiny-1b@0123456789abcdef0123456789abcdef01234567", use: "hosted-inference", attribution: { weight: "0.6" } },
    { id: "local", source: "./models/local", use: "embedded", attribution: { metric: "requests" } },
  ],
  sources: { "hf:acme/base@1": "./vendor/base" },
  policy: {
    licenses: { allow: ["Apache-2.0", "LicenseRef-OMRL-1.0"], deny: ["category:non-commercial"] },
    maxTotalRevenueShare: "15%",
    requireSignedTerms: true,
    unverifiableModels: "deny",
  },
});

const issuesOf = (value: unknown) => {
  try {
    parseAppManifest(value);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidAppManifestError);
    return (error as InvalidAppManifestError).issues;
  }
  throw new Error("expected the manifest to be refused");
};

describe("parseAppManifest", () => {
  it("parses a manifest and defaults model ids", () => {
    const manifest = parseAppManifest(JSON.stringify(base()));
    expect(manifest.models.map((m) => m.id)).toEqual(["acme/tiny-1b", "local"]);
    expect(manifest.policy?.maxTotalRevenueShare).toBe("15%");
  });

  it("reports every schema problem with its JSON pointer", () => {
    const bad = base() as Record<string, unknown> & ReturnType<typeof base>;
    (bad.licensee as Record<string, unknown>).account = "0x123";
    (bad.models[0] as Record<string, unknown>).use = "training";
    (bad.models[1] as Record<string, unknown>).attribution = { weight: 0.5 };
    (bad.policy as Record<string, unknown>).maxTotalRevenueShare = 15;
    bad.extra = true;
    const pointers = issuesOf(bad).map((i) => i.pointer);
    expect(pointers).toEqual(expect.arrayContaining(["/licensee/account", "/models/0/use", "/models/1/attribution/weight", "/policy/maxTotalRevenueShare", ""]));
    expect(issuesOf(bad).find((i) => i.pointer === "")!.message).toMatch(/unknown field "extra"/);
  });

  it("refuses duplicate ids, malformed hf: sources and weights above 1 in total", () => {
    const dup = base();
    (dup.models as unknown[]).push({ id: "acme/tiny-1b", source: "./x", use: "embedded", attribution: { weight: "0.5" } });
    const issues = issuesOf(dup);
    expect(issues).toContainEqual({ pointer: "/models/2/id", message: expect.stringMatching(/also used by \/models\/0/) });
    expect(issues).toContainEqual({ pointer: "/models", message: expect.stringMatching(/sum to more than 1/) });
    const hf = base();
    hf.models[0]!.source = "hf:not a repo";
    expect(issuesOf(hf)[0]!.pointer).toBe("/models/0/source");
  });

  it("refuses text that is not JSON", () => {
    expect(() => parseAppManifest("{", { location: "omrl.app.json" })).toThrowError(/omrl.app.json: invalid app manifest: \/ is not valid JSON/);
  });
});
