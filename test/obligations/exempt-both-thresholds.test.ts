import { describe, expect, it } from "vitest";
import { computeStatement, parseRevenueCsv } from "../../src/index.js";
import { LICENSEE, makeTerms } from "./fixtures.js";

/** Rule 2 (either threshold alone exempts): a period under both says both, so a reader sees neither is borderline alone. */
describe("exemption reason", () => {
  const terms = makeTerms("tiny", { thresholds: { annualRevenue: "1000000", monthlyActiveUsers: 1000 } });
  const statement = (row: string) =>
    computeStatement({
      licensee: LICENSEE,
      models: [{ id: "acme/tiny", terms }],
      revenue: parseRevenueCsv(["period,currency,gross,refunds,mau", row].join("\n"), { source: "r.csv" }),
      rates: { "USD/USDC": "1" },
    }).obligations[0]!;

  it("under both thresholds: names the revenue and the MAU measure", () => {
    const o = statement("2026-07,USD,5000.00,,20");
    expect(o.exempt).toBe(true);
    expect(o.exemptReason).toMatch(/^revenue 5000 over .+ is at or below the threshold 1000000, and monthly active users 20 are at or below the threshold 1000$/);
  });

  it("under one threshold only: names that one", () => {
    expect(statement("2026-07,USD,5000.00,,2000").exemptReason).toMatch(/^revenue 5000 over .+ at or below the threshold 1000000$/);
    expect(statement("2026-07,USD,5000000.00,,20").exemptReason).toBe("monthly active users 20 are at or below the threshold 1000");
    expect(statement("2026-07,USD,5000000.00,,2000").exempt).toBe(false);
  });
});
