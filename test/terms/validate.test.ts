import { describe, expect, it } from "vitest";
import { InvalidTermsError, parseTerms, validateTerms, type OmrlTerms } from "../../src/terms/index.js";
import { exampleTerms } from "../fixtures/terms.js";

type Mutation = [name: string, mutate: (t: any) => void, pointer: string, message: RegExp];

const codesOf = (value: unknown) => {
  const result = validateTerms(value);
  expect(result.valid).toBe(false);
  return result.issues;
};

describe("validateTerms", () => {
  it("accepts the complete example and a minimal one", () => {
    expect(validateTerms(exampleTerms())).toMatchObject({ valid: true, issues: [] });
    const t = exampleTerms() as Partial<OmrlTerms>;
    delete t.attribution, delete t.useRestrictions, delete t.upstream, delete t.funding, delete t.issued;
    delete t.revenueShare!.tiers, delete t.revenueShare!.thresholds, delete t.revenueShare!.cap, delete t.model!.artifacts;
    expect(validateTerms(t).valid).toBe(true);
  });

  const schemaCases: Mutation[] = [
    ["missing licensor", (t) => delete t.licensor, "", /missing required field "licensor"/],
    ["unknown field", (t) => (t.payment.extra = 1), "/payment", /unknown field "extra"/],
    ["float rate", (t) => (t.revenueShare.rate = 0.05), "/revenueShare/rate", /JSON number 0.05.*percentage/],
    ["float money", (t) => (t.revenueShare.cap = 250000.5), "/revenueShare/cap", /JSON number 250000.5.*decimal string/],
    ["rate with 5 decimals", (t) => (t.revenueShare.rate = "5.00001%"), "/revenueShare/rate", /percentage/],
    ["decimals out of range", (t) => (t.payment.token.decimals = 37), "/payment/token/decimals", /must be <= 36/],
    ["bad basis", (t) => (t.revenueShare.basis = "profit"), "/revenueShare/basis", /one of "gross", "net", "attributable"/],
    ["bad CAIP-2", (t) => (t.payment.chain = "ethereum"), "/payment/chain", /CAIP-2/],
    ["bad CAIP-10", (t) => (t.licensor.account = "0x123"), "/licensor/account", /CAIP-10/],
    ["bad date", (t) => (t.issued = "2026-13-01"), "/issued", /not a valid date/],
    ["bad sha256", (t) => (t.model.artifacts[0].sha256 = "XYZ"), "/model/artifacts/0/sha256", /sha256|pattern|expected form/],
    ["wrong version", (t) => (t.omrl = "2.0"), "/omrl", /must be "1.0"/],
  ];
  it.each(schemaCases)("schema: %s", (_name, mutate, pointer, message) => {
    const t = exampleTerms();
    mutate(t);
    const issues = codesOf(t);
    expect(issues.some((i) => i.pointer === pointer && message.test(i.message))).toBe(true);
  });

  it("returns every schema error, not only the first", () => {
    const t: any = exampleTerms();
    t.revenueShare.rate = 5;
    t.payment.token.decimals = 99;
    delete t.derivatives;
    expect(codesOf(t).map((i) => i.pointer).sort()).toEqual(["", "/payment/token/decimals", "/revenueShare/rate"]);
  });

  const semanticCases: Mutation[] = [
    ["payee split 100.0001%", (t) => (t.payment.payees[0].share = "70.0001%"), "/payment/payees", /100.0001% \(1000001 ppm\), not exactly 100%/],
    ["payee split 99%", (t) => (t.payment.payees[1].share = "29%"), "/payment/payees", /not exactly 100%/],
    ["lower-case address", (t) => (t.payment.payees[0].account = t.payment.payees[0].account.toLowerCase()), "/payment/payees/0/account", /EIP-55/],
    ["bad checksum", (t) => (t.payment.payees[0].account = "0x70997970c51812dc3A010C7d01b50e0d17dc79C8"), "/payment/payees/0/account", /EIP-55/],
    ["duplicate payee", (t) => (t.payment.payees[1].account = t.payment.payees[0].account), "/payment/payees/1/account", /listed twice/],
    ["zero rate", (t) => { t.revenueShare.rate = "0%"; delete t.revenueShare.tiers; }, "/revenueShare/rate", /more than 0%/],
    ["rate over 100%", (t) => { t.revenueShare.rate = "100.5%"; delete t.revenueShare.tiers; }, "/revenueShare/rate", /more than 100%/],
    ["token on another chain", (t) => (t.payment.token.id = "eip155:1/erc20:0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48"), "/payment/token/id", /on eip155:1 but payment.chain is eip155:8453/],
    ["non-EVM chain", (t) => { t.payment.chain = "solana:mainnet"; }, "/payment/chain", /not an eip155 chain/],
    ["tiers not increasing", (t) => (t.revenueShare.tiers = [{ upTo: "10", rate: "5%" }, { upTo: "5", rate: "4%" }, { rate: "3%" }]), "/revenueShare/tiers/1/upTo", /must increase/],
    ["open tier not last", (t) => (t.revenueShare.tiers = [{ rate: "5%" }, { rate: "3%" }]), "/revenueShare/tiers/0", /only the last/],
    ["headline rate differs from first tier", (t) => (t.revenueShare.rate = "4%"), "/revenueShare/rate", /first tier/],
    ["revenue threshold without window", (t) => delete t.revenueShare.thresholds.revenueWindow, "/revenueShare/thresholds", /revenueWindow/],
    ["artifact path escapes", (t) => (t.model.artifacts[0].path = "../secret.bin"), "/model/artifacts/0/path", /relative path/],
    ["duplicate upstream", (t) => t.upstream.push({ ...t.upstream[0] }), "/upstream/1/repo", /listed twice/],
    ["upstream licence that is not a licence", (t) => (t.upstream[0].license = "llama3.2 AND ("), "/upstream/0/license", /neither a Hugging Face Hub licence id nor an SPDX expression/],
    ["attribution without text", (t) => delete t.attribution.text, "/attribution/text", /no text/],
    ["reciprocal without derivatives", (t) => (t.derivatives.allowed = false), "/derivatives/reciprocal", /reciprocal/],
  ];
  it.each(semanticCases)("semantics: %s", (_name, mutate, pointer, message) => {
    const t = exampleTerms();
    mutate(t);
    const issues = codesOf(t);
    expect(issues.some((i) => i.pointer === pointer && message.test(i.message)), JSON.stringify(issues)).toBe(true);
  });
});

describe("parseTerms", () => {
  it("round-trips valid JSON", () => {
    expect(parseTerms(JSON.stringify(exampleTerms()))).toEqual(exampleTerms());
  });
  it("reports JSON syntax errors with line and column", () => {
    const error = (() => {
      try {
        parseTerms('{\n  "omrl": "1.0",\n  oops\n}', { location: "omrl.json" });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidTermsError);
    expect((error as InvalidTermsError).shortMessage).toMatch(/^omrl\.json: .*line 3, column 3/);
  });
  it("throws every issue at once", () => {
    const t: any = exampleTerms();
    t.payment.payees[0].share = "71%";
    t.payment.payees[1].account = t.payment.payees[1].account.toLowerCase();
    expect(() => parseTerms(JSON.stringify(t))).toThrowError(InvalidTermsError);
    try {
      parseTerms(JSON.stringify(t));
    } catch (e) {
      expect((e as InvalidTermsError).issues.map((i) => i.code).sort()).toEqual(["semantic/address-checksum", "semantic/payee-split-sum"]);
    }
  });
});
