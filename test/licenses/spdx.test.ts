import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.js";
import {
  InvalidLicenseExpressionError,
  UnknownLicenseError,
  evaluateLicenseExpression,
  licenseToSpdx,
  parseLicenseExpression,
} from "../../src/licenses/index.js";

function parseError(expression: string, hubIds = false): InvalidLicenseExpressionError {
  try {
    parseLicenseExpression(expression, { hubIds });
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidLicenseExpressionError);
    expect(error).toBeInstanceOf(InvalidInputError);
    return error as InvalidLicenseExpressionError;
  }
  throw new Error(`parsed: ${expression}`);
}

describe("parseLicenseExpression", () => {
  it("parses LicenseRef-OMRL-1.0 with AND and OR", () => {
    expect(parseLicenseExpression("Apache-2.0 AND LicenseRef-OMRL-1.0")).toEqual({
      conjunction: "and",
      left: { license: "Apache-2.0" },
      right: { license: "LicenseRef-OMRL-1.0" },
    });
    expect(parseLicenseExpression("LicenseRef-OMRL-1.0 OR LicenseRef-Commercial")).toEqual({
      conjunction: "or",
      left: { license: "LicenseRef-OMRL-1.0" },
      right: { license: "LicenseRef-Commercial" },
    });
  });

  it("keeps precedence (AND binds tighter), parentheses, + and WITH", () => {
    expect(parseLicenseExpression("MIT OR Apache-2.0 AND LicenseRef-OMRL-1.0")).toEqual({
      conjunction: "or",
      left: { license: "MIT" },
      right: { conjunction: "and", left: { license: "Apache-2.0" }, right: { license: "LicenseRef-OMRL-1.0" } },
    });
    expect(parseLicenseExpression("(MIT OR Apache-2.0) AND LicenseRef-OMRL-1.0")).toMatchObject({ conjunction: "and" });
    expect(parseLicenseExpression("GPL-2.0+ WITH Classpath-exception-2.0")).toEqual({
      license: "GPL-2.0",
      plus: true,
      exception: "Classpath-exception-2.0",
    });
  });

  it("maps Hub ids only when asked", () => {
    expect(parseLicenseExpression("llama3.1 AND openrail++ OR cc-by-nc-4.0", { hubIds: true })).toEqual({
      conjunction: "or",
      left: {
        conjunction: "and",
        left: { license: "LicenseRef-Llama-3.1-Community" },
        right: { license: "LicenseRef-OpenRAIL-PlusPlus-M" },
      },
      right: { license: "CC-BY-NC-4.0" },
    });
    const error = parseError("mit");
    expect(error.position).toBe(0);
    expect(error.shortMessage).toContain('did you mean "MIT"?');
  });

  it("says what and where for garbage", () => {
    const cases: [string, number, RegExp][] = [
      ["", 0, /empty/],
      ["   ", 0, /empty/],
      ["MIT AND", 7, /ends where a licence was expected/],
      ["(MIT", 4, /missing "\)"/],
      ["MIT foo", 4, /unexpected|unknown licence id "foo"/],
      ["Apache-2.0 OR )", 14, /expected a licence, found "\)"/],
      ["MIT WITH", 8, /exception after WITH/],
      ["Apache-2.0 AND LicenseRef-", 26, /LicenseRef-/],
      ["Apache-2.0 AND not-a-licence", 15, /unknown licence id "not-a-licence"/],
      ["MIT AND $$$", 8, /unknown licence id|unexpected/],
      ["AND MIT", 0, /expected a licence, found "AND"/],
    ];
    for (const [expression, position, message] of cases) {
      const error = parseError(expression);
      expect(error.position, expression).toBe(position);
      expect(error.shortMessage, expression).toMatch(message);
      expect(error.shortMessage, expression).toContain(`offset ${position}`);
      expect(error.details, expression).toContain("^");
    }
  });

  it("bounds what it parses: length and nesting depth", () => {
    expect(parseError(`${"MIT AND ".repeat(600)}MIT`).shortMessage).toMatch(/longer than 4096/);
    const deep = `${"(".repeat(40)}MIT${")".repeat(40)}`;
    expect(parseError(deep).shortMessage).toMatch(/nested deeper than 32/);
    expect(parseLicenseExpression(`${"(".repeat(32)}MIT${")".repeat(32)}`)).toEqual({ license: "MIT" });
  });
});

describe("licenseToSpdx", () => {
  it("maps Hub ids, Hub license_names and aliases; passes SPDX ids and LicenseRefs through", () => {
    expect(licenseToSpdx("apache-2.0")).toBe("Apache-2.0");
    expect(licenseToSpdx("LLAMA3.1")).toBe("LicenseRef-Llama-3.1-Community");
    expect(licenseToSpdx("gpl-3.0")).toBe("GPL-3.0-only");
    expect(licenseToSpdx("omrl-1.0")).toBe("LicenseRef-OMRL-1.0");
    expect(licenseToSpdx("0BSD")).toBe("0BSD");
    expect(licenseToSpdx("LicenseRef-Commercial")).toBe("LicenseRef-Commercial");
  });

  it("throws UnknownLicenseError for anything else", () => {
    for (const bad of ["no-such-licence", "MIT AND Apache-2.0", "", "0bsd"]) {
      expect(() => licenseToSpdx(bad), bad).toThrow(UnknownLicenseError);
    }
  });
});

describe("evaluateLicenseExpression", () => {
  it("AND: the most restrictive permission and the union of duties", () => {
    const { alternatives } = evaluateLicenseExpression("Apache-2.0 AND LicenseRef-OMRL-1.0");
    expect(alternatives).toHaveLength(1);
    const [both] = alternatives;
    expect(both?.licenses.map((l) => l.hubId)).toEqual(["apache-2.0", "omrl-1.0"]);
    expect(both?.commercialUse).toBe("restricted");
    expect(both?.revenueShare).toBe(true);
    expect(both?.attribution.required).toBe(true); // Apache's notices bind even though OMRL's is per release
    expect(both?.useRestrictions.flowDown).toBe(true);
    expect(both?.unknownLicenses).toEqual([]);
  });

  it("OR: one complete obligation set per alternative, so a policy can choose", () => {
    const { alternatives } = evaluateLicenseExpression("LicenseRef-OMRL-1.0 OR LicenseRef-Commercial");
    expect(alternatives).toHaveLength(2);
    expect(alternatives[0]).toMatchObject({ revenueShare: true, commercialUse: "restricted", unknownLicenses: [] });
    expect(alternatives[1]).toMatchObject({
      revenueShare: false,
      commercialUse: "unknown",
      derivatives: "unknown",
      shareAlike: "unknown",
      unknownLicenses: ["LicenseRef-Commercial"],
      licenses: [{ license: "LicenseRef-Commercial", known: false }],
    });
  });

  it("combines Llama's thresholds, attribution and naming with another licence's obligations", () => {
    const [only] = evaluateLicenseExpression("apache-2.0 AND llama3.1 AND cc-by-nc-4.0").alternatives;
    expect(only?.commercialUse).toBe("forbidden"); // forbidden beats restricted
    expect(only?.derivatives).toBe("restricted");
    expect(only?.attribution.texts).toEqual([{ license: "LicenseRef-Llama-3.1-Community", text: "Built with Llama" }]);
    expect(only?.naming).toMatchObject([{ license: "LicenseRef-Llama-3.1-Community", prefix: "Llama" }]);
    expect(only?.userThresholds).toMatchObject([{ monthlyActiveUsers: 700_000_000 }]);
    expect(only?.useRestrictions.sources).toMatchObject([{ source: "Llama 3.1 Acceptable Use Policy" }]);
  });

  it("distributes AND over OR", () => {
    const { alternatives } = evaluateLicenseExpression("(MIT OR GPL-3.0-only) AND (gemma OR openrail++)");
    expect(alternatives.map((a) => a.licenses.map((l) => l.hubId))).toEqual([
      ["mit", "gemma"],
      ["mit", "openrail++"],
      ["gpl-3.0", "gemma"],
      ["gpl-3.0", "openrail++"],
    ]);
    expect(alternatives.map((a) => a.shareAlike)).toEqual([false, false, true, true]);
  });

  it("carries WITH exceptions and + along", () => {
    const [only] = evaluateLicenseExpression("GPL-2.0-or-later WITH Classpath-exception-2.0").alternatives;
    expect(only?.licenses).toEqual([
      { license: "GPL-2.0-or-later", hubId: "gpl-2.0", exception: "Classpath-exception-2.0", known: true },
    ]);
    expect(only?.exceptions).toEqual([{ license: "GPL-2.0-or-later", exception: "Classpath-exception-2.0" }]);
    expect(evaluateLicenseExpression("GPL-2.0+").alternatives[0]?.licenses[0]).toMatchObject({ plus: true, hubId: "gpl-2.0" });
  });

  it("an unknown licence makes an AND unknown, never allowed", () => {
    const [only] = evaluateLicenseExpression("MIT AND LicenseRef-Whatever").alternatives;
    expect(only).toMatchObject({ commercialUse: "unknown", derivatives: "unknown", shareAlike: "unknown" });
    expect(evaluateLicenseExpression("unknown").alternatives[0]?.commercialUse).toBe("unknown");
  });

  it("refuses an expression that expands past maxAlternatives", () => {
    const expression = Array.from({ length: 7 }, () => "(MIT OR ISC)").join(" AND "); // 2^7 = 128
    expect(() => evaluateLicenseExpression(expression)).toThrow(/more than 64 alternatives/);
    expect(evaluateLicenseExpression(expression, { maxAlternatives: 128 }).alternatives).toHaveLength(128);
  });

  it("rejects garbage with the parse error", () => {
    expect(() => evaluateLicenseExpression("MIT AND AND")).toThrow(InvalidLicenseExpressionError);
  });
});
