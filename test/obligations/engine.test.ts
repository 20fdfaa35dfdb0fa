import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import {
  computeStatement,
  hashStatement,
  InvalidInputError,
  parseRevenueCsv,
  statementSchema,
  statementToCsv,
  statementToMarkdown,
  verifyStatementHash,
  type Obligation,
  type OmrlTerms,
  type StatementModelInput,
} from "../../src/index.js";
import { LICENSEE, makeTerms } from "./fixtures.js";

const RATES = { "USD/USDC": "1" };
const csv = (rows: string[], header = "period,currency,gross,refunds,mau") => parseRevenueCsv([header, ...rows].join("\n"), { source: "r.csv" });
const one = (models: StatementModelInput[], rows: string[], extra: { periods?: string[]; rates?: Record<string, string>; header?: string } = {}) =>
  computeStatement({ licensee: LICENSEE, models, revenue: csv(rows, extra.header), rates: extra.rates ?? RATES, periods: extra.periods });
const byId = (obligations: Obligation[], id: string) => {
  const o = obligations.find((x) => x.id === id);
  if (!o) throw new Error(`no obligation ${id}: ${obligations.map((x) => x.id).join(", ")}`);
  return o;
};

describe("computeStatement: the statement", () => {
  it("computes a gross obligation, converts at the stated rate and splits exactly", () => {
    const s = one([{ id: "acme/tiny-1b", model: "hf:acme/tiny-1b@abc", terms: makeTerms("tiny") }], ["2026-07,USD,40000.00,,", "2026-08,USD,60000.00,500,"], {
      rates: { "USD/USDC": "1.0001" },
    });
    expect(s.periods).toEqual(["2026-Q3"]);
    expect(s.obligations).toHaveLength(1);
    const o = s.obligations[0]!;
    expect(o).toMatchObject({
      id: "acme/tiny-1b:2026-Q3",
      model: "hf:acme/tiny-1b@abc",
      period: "2026-Q3",
      periodStart: "2026-07-01",
      periodEnd: "2026-09-30",
      dueDate: "2026-10-30",
      via: null,
      exempt: false,
      basis: "gross",
      basisAmount: "100000",
      rate: "5%",
      owed: "5000",
      conversion: { pair: "USD/USDC", rate: "1.0001" },
      amount: "5000500000",
      router: null,
    });
    expect(o.payees.map((p) => p.amount)).toEqual(["3500350000", "1500150000"]);
    expect(o.termsHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(o.trace.map((t) => t.step)).toEqual(["revenue", "revenue", "basis", "threshold", "rate", "conversion", "split"]);
  });

  it("validates against the statement schema, and its hash covers every field", () => {
    const s = one([{ id: "m", terms: makeTerms("m", { basis: "net" }) }], ["2026-07,USD,10.00,1.00,5"]);
    const validate = new Ajv2020({ allErrors: true, strict: true }).compile(statementSchema);
    expect(validate(s), JSON.stringify(validate.errors)).toBe(true);
    expect(verifyStatementHash(s)).toBe(true);
    expect(hashStatement(s)).toBe(s.statementHash);
    const tampered = structuredClone(s);
    tampered.obligations[0]!.payees[0]!.amount = "1";
    expect(verifyStatementHash(tampered)).toBe(false);
    // the same inputs give the same hash
    expect(one([{ id: "m", terms: makeTerms("m", { basis: "net" }) }], ["2026-07,USD,10.00,1.00,5"]).statementHash).toBe(s.statementHash);
  });

  it("renders Markdown and CSV with every payee amount", () => {
    const s = one([{ id: "m", terms: makeTerms("m") }], ["2026-07,USD,100,,"]);
    const md = statementToMarkdown(s);
    expect(md).toContain(s.statementHash);
    expect(md).toContain("| m:2026-Q3 | 2026-Q3 | no | gross 100 | 5% | 5 USD | 5000000 | USDC (6) | 2026-10-30 |");
    const rows = statementToCsv(s).trim().split("\n");
    expect(rows).toHaveLength(3);
    expect(rows[1]!.split(",").slice(-3)).toEqual([s.obligations[0]!.payees[0]!.account, "70%", "3500000"]);
  });

  it("filters periods with --period and refuses a missing conversion rate naming the pair", () => {
    const rows = ["2026-05,USD,100,,", "2026-08,USD,200,,"];
    const s = one([{ id: "m", terms: makeTerms("m") }], rows, { periods: ["2026-Q3"] });
    expect(s.obligations.map((o) => o.id)).toEqual(["m:2026-Q3"]);
    expect(() => one([{ id: "m", terms: makeTerms("m") }], rows, { rates: { "USD/DAI": "1" } })).toThrowError(/no conversion rate for USD\/USDC/);
  });

  it("refuses a report coarser than the terms' period, and a currency mismatch", () => {
    expect(() => one([{ id: "m", terms: makeTerms("m", { period: "month" }) }], ["2026-Q3,USD,1,,"])).toThrowError(/settle per month/);
    expect(() => one([{ id: "m", terms: makeTerms("m", { currency: "EUR" }) }], ["2026-07,USD,1,,"])).toThrowError(InvalidInputError);
  });
});

describe("rule 1: basis", () => {
  it("net is gross minus refunds; a negative net is 0 and is not carried forward", () => {
    const terms = makeTerms("m", { basis: "net", period: "month" });
    const s = one([{ id: "m", terms }], ["2026-07,USD,100.00,250.00,", "2026-08,USD,300.00,50.00,"]);
    expect(byId(s.obligations, "m:2026-07")).toMatchObject({ basisAmount: "0", owed: "0", amount: "0" });
    expect(byId(s.obligations, "m:2026-07").trace.some((t) => /negative net is 0/.test(t.detail))).toBe(true);
    // August owes on its own net (250), not on 250 − the 150 July shortfall
    expect(byId(s.obligations, "m:2026-08")).toMatchObject({ basisAmount: "250", owed: "12.5", amount: "12500000" });
  });

  it("attributable = net × a fixed weight", () => {
    const s = one([{ id: "m", terms: makeTerms("m", { basis: "attributable" }), attribution: { weight: "0.6" } }], ["2026-07,USD,1000,100,"]);
    expect(s.obligations[0]).toMatchObject({ basisAmount: "540", owed: "27" });
  });

  it("attributable = net × the period's usage share among the models attributed by that metric", () => {
    const terms = makeTerms("a", { basis: "attributable" });
    const s = one(
      [
        { id: "a", terms, attribution: { metric: "requests" } },
        { id: "b", terms: makeTerms("b", { basis: "attributable" }), attribution: { metric: "requests" } },
      ],
      ["2026-07,USD,1000,,,300,100", "2026-08,USD,1000,,,300,300"],
      { header: "period,currency,gross,refunds,mau,usage:a,usage:b" },
    );
    // a: 600 of 1000 requests → 0.6 × 2000 = 1200 → 60
    expect(byId(s.obligations, "a:2026-Q3")).toMatchObject({ basisAmount: "1200", owed: "60" });
    expect(byId(s.obligations, "b:2026-Q3")).toMatchObject({ basisAmount: "800", owed: "40" });
  });

  it("refuses the attributable basis without an attribution", () => {
    expect(() => one([{ id: "m", terms: makeTerms("m", { basis: "attributable" }) }], ["2026-07,USD,1,,"])).toThrowError(/attribution/);
  });
});

describe("rule 2: thresholds", () => {
  const thresholdTerms = (t: OmrlTerms["revenueShare"]["thresholds"]) => makeTerms("m", { period: "month", thresholds: t });

  it("revenue exactly at the threshold is exempt; one cent above owes the whole basis", () => {
    const terms = thresholdTerms({ annualRevenue: "1000000", revenueWindow: "trailing_12_months" });
    const at = one([{ id: "m", terms }], ["2026-07,USD,1000000.00,,"]);
    expect(at.obligations[0]).toMatchObject({ exempt: true, owed: "0", amount: "0" });
    expect(at.obligations[0]!.exemptReason).toMatch(/at or below the threshold 1000000/);
    expect(at.obligations[0]!.payees.map((p) => p.amount)).toEqual(["0", "0"]);
    const above = one([{ id: "m", terms }], ["2026-07,USD,1000000.01,,"]);
    expect(above.obligations[0]).toMatchObject({ exempt: false, owed: "50000.0005", amount: "50000000500" });
  });

  it("monthly active users at the threshold exempt; one more owes; either threshold alone exempts", () => {
    const terms = thresholdTerms({ annualRevenue: "10", monthlyActiveUsers: 1000 });
    expect(one([{ id: "m", terms }], ["2026-07,USD,500,,1000"]).obligations[0]).toMatchObject({ exempt: true });
    expect(one([{ id: "m", terms }], ["2026-07,USD,500,,1001"]).obligations[0]).toMatchObject({ exempt: false, owed: "25" });
    // MAU not reported: only the revenue threshold can exempt
    expect(one([{ id: "m", terms }], ["2026-07,USD,500,,"]).obligations[0]).toMatchObject({ exempt: false });
    expect(one([{ id: "m", terms }], ["2026-07,USD,10,,"]).obligations[0]).toMatchObject({ exempt: true });
  });

  it("trailing 12 months: the current period and the 11 before, missing months count 0", () => {
    const terms = thresholdTerms({ annualRevenue: "1000" });
    const s = one([{ id: "m", terms }], ["2025-07,USD,600,,", "2025-08,USD,300,,", "2026-03,USD,100,,", "2026-08,USD,100.01,,"]);
    // 2026-03 window 2025-04..2026-03 = 600 + 300 + 100 = 1000 → exempt
    expect(byId(s.obligations, "m:2026-03")).toMatchObject({ exempt: true });
    // 2026-08 window 2025-09..2026-08 = 100 + 100.01 (July and August 2025 dropped out) → exempt
    expect(byId(s.obligations, "m:2026-08")).toMatchObject({ exempt: true });
    const s2 = one([{ id: "m", terms }], ["2025-09,USD,899.99,,", "2026-08,USD,100.02,,"]);
    expect(byId(s2.obligations, "m:2026-08")).toMatchObject({ exempt: false, basisAmount: "100.02", owed: "5.001" });
    expect(byId(s2.obligations, "m:2025-09")).toMatchObject({ exempt: true });
  });

  it("calendar year: from January up to and including the period, never the year before", () => {
    const terms = thresholdTerms({ annualRevenue: "1000", revenueWindow: "calendar_year" });
    const s = one([{ id: "m", terms }], ["2025-12,USD,5000,,", "2026-01,USD,600,,", "2026-02,USD,400,,", "2026-03,USD,0.01,,"]);
    expect(byId(s.obligations, "m:2025-12")).toMatchObject({ exempt: false });
    expect(byId(s.obligations, "m:2026-01")).toMatchObject({ exempt: true });
    expect(byId(s.obligations, "m:2026-02")).toMatchObject({ exempt: true });
    expect(byId(s.obligations, "m:2026-03")).toMatchObject({ exempt: false, owed: "0.0005", amount: "500" });
  });

  it("each model's thresholds apply to that model only", () => {
    const s = one(
      [
        { id: "small", terms: makeTerms("small", { thresholds: { annualRevenue: "5000" } }) },
        { id: "strict", terms: makeTerms("strict") },
      ],
      ["2026-07,USD,1000,,"],
    );
    expect(byId(s.obligations, "small:2026-Q3").exempt).toBe(true);
    expect(byId(s.obligations, "strict:2026-Q3")).toMatchObject({ exempt: false, owed: "50" });
  });

  it("for a quarter, the MAU measure is the largest monthly figure reported in it", () => {
    const terms = makeTerms("m", { thresholds: { monthlyActiveUsers: 1000 } });
    expect(one([{ id: "m", terms }], ["2026-07,USD,500,,900", "2026-08,USD,500,,1000", "2026-09,USD,500,,"]).obligations[0]).toMatchObject({ exempt: true });
    expect(one([{ id: "m", terms }], ["2026-07,USD,500,,900", "2026-08,USD,500,,1001"]).obligations[0]).toMatchObject({ exempt: false, owed: "50" });
  });

  it("yearly terms gather a monthly report; the due date runs past the year end", () => {
    const s = one([{ id: "m", terms: makeTerms("m", { period: "year", dueDays: 45 }) }], ["2026-01,USD,100,,", "2026-12-31,USD,100,,"]);
    expect(s.obligations[0]).toMatchObject({ id: "m:2026", periodStart: "2026-01-01", periodEnd: "2026-12-31", dueDate: "2027-02-14", owed: "10" });
  });

  it("evaluation and internal uses owe nothing", () => {
    const s = one([{ id: "m", use: "evaluation", terms: makeTerms("m") }], ["2026-07,USD,1000,,"]);
    expect(s.obligations[0]).toMatchObject({ exempt: true, amount: "0" });
  });
});

describe("rule 3: tiers and cap", () => {
  const tiers: NonNullable<OmrlTerms["revenueShare"]["tiers"]> = [
    { upTo: "10000", rate: "5%" },
    { upTo: "50000", rate: "3%" },
    { rate: "1%" },
  ];
  it("applies tiers marginally and restarts them each period", () => {
    const terms = makeTerms("m", { period: "month", tiers });
    const s = one([{ id: "m", terms }], ["2026-07,USD,60000,,", "2026-08,USD,8000,,"]);
    // 5% × 10000 + 3% × 40000 + 1% × 10000 = 500 + 1200 + 100
    expect(byId(s.obligations, "m:2026-07")).toMatchObject({ owed: "1800", rate: "5% to 10000, 3% to 50000, 1% above" });
    expect(byId(s.obligations, "m:2026-08")).toMatchObject({ owed: "400" });
  });
  it("caps after tiers, per period, without carry-over", () => {
    const terms = makeTerms("m", { period: "month", tiers, cap: "1000" });
    const s = one([{ id: "m", terms }], ["2026-07,USD,60000,,", "2026-08,USD,20000,,"]);
    expect(byId(s.obligations, "m:2026-07")).toMatchObject({ owed: "1000" });
    expect(byId(s.obligations, "m:2026-08")).toMatchObject({ owed: "800" });
  });
  it("a basis exactly at a band edge stays in the lower band", () => {
    const s = one([{ id: "m", terms: makeTerms("m", { tiers }) }], ["2026-07,USD,10000,,"]);
    expect(s.obligations[0]!.owed).toBe("500");
  });
});

describe("rule 4: lineage stacking", () => {
  // A → B → C: the app uses C; B derives from A. A takes 5%, B 10%; 100 of revenue at C.
  const chain = (stacking: "absolute" | "relative"): StatementModelInput => ({
    id: "C",
    terms: makeTerms("C", { rate: "20%" }),
    ancestors: [
      { id: "B", model: "hf:acme/B@1", terms: makeTerms("B", { rate: "10%" }, { derivatives: { allowed: true, reciprocal: true, stacking } }) },
      { id: "A", model: "hf:acme/A@1", terms: makeTerms("A", { rate: "5%" }, { derivatives: { allowed: true, reciprocal: true, stacking } }) },
    ],
  });
  it("absolute: every ancestor takes its rate of the leaf's basis (A 5, B 10)", () => {
    const s = one([chain("absolute")], ["2026-07,USD,100,,"]);
    expect(byId(s.obligations, "C:2026-Q3")).toMatchObject({ owed: "20", via: null });
    expect(byId(s.obligations, "B:2026-Q3:via:C")).toMatchObject({ owed: "10", via: "C", model: "hf:acme/B@1", basisAmount: "100" });
    expect(byId(s.obligations, "A:2026-Q3:via:C")).toMatchObject({ owed: "5", via: "C", basisAmount: "100" });
  });
  it("relative: each ancestor takes its rate of what its child receives (B 10, A 0.5)", () => {
    const s = one([chain("relative")], ["2026-07,USD,100,,"]);
    expect(byId(s.obligations, "C:2026-Q3").owed).toBe("20"); // nothing is deducted from the leaf
    expect(byId(s.obligations, "B:2026-Q3:via:C")).toMatchObject({ owed: "10", basisAmount: "100" });
    expect(byId(s.obligations, "A:2026-Q3:via:C")).toMatchObject({ owed: "0.5", basisAmount: "10", amount: "500000" });
  });
  it("computes chains on exact, unrounded amounts", () => {
    const leaf = chain("relative");
    leaf.ancestors![0]!.terms = makeTerms("B", { rate: "0.0001%" }, { derivatives: { allowed: true, reciprocal: true, stacking: "relative" } });
    leaf.ancestors![0]!.terms.payment.token.decimals = 0;
    const s = one([leaf], ["2026-07,USD,100,,"]);
    // B receives 0.0001 (rounds to 0 units of its 0-decimal token), yet A's share is 5% of the exact 0.0001
    expect(byId(s.obligations, "B:2026-Q3:via:C")).toMatchObject({ owed: "0.0001", amount: "0" });
    expect(byId(s.obligations, "A:2026-Q3:via:C")).toMatchObject({ owed: "0.000005", amount: "5" });
  });
  it("an ancestor's own thresholds exempt only that ancestor", () => {
    const leaf = chain("absolute");
    leaf.ancestors![0]!.terms.revenueShare.thresholds = { annualRevenue: "100" };
    const s = one([leaf], ["2026-07,USD,100,,"]);
    expect(byId(s.obligations, "B:2026-Q3:via:C").exempt).toBe(true);
    expect(byId(s.obligations, "A:2026-Q3:via:C")).toMatchObject({ exempt: false, owed: "5" });
  });
});

describe("rule 5: conversion and rounding", () => {
  it("rounds half up exactly at .5 of a base unit, once", () => {
    // 5% × 0.00001 = 0.0000005 USD = 0.5 base units → 1
    expect(one([{ id: "m", terms: makeTerms("m") }], ["2026-07,USD,0.00001,,"]).obligations[0]).toMatchObject({ owed: "0.0000005", amount: "1" });
    // 5% × 0.0000099 = 0.000000495 → 0.495 units → 0
    expect(one([{ id: "m", terms: makeTerms("m") }], ["2026-07,USD,0.0000099,,"]).obligations[0]).toMatchObject({ amount: "0" });
  });
  it("splits cumulatively in the listed order", () => {
    const terms = makeTerms("m");
    terms.payment.payees = [
      { account: terms.payment.payees[0]!.account, share: "33.3333%" },
      { account: terms.payment.payees[1]!.account, share: "33.3333%" },
      { account: LICENSEE.account.slice(-42), share: "33.3334%" },
    ];
    terms.payment.token.decimals = 0;
    const s = one([{ id: "m", terms }], ["2026-07,USD,2000,,"]);
    expect(s.obligations[0]!.payees.map((p) => p.amount)).toEqual(["33", "33", "34"]);
  });
});
