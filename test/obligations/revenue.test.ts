import { describe, expect, it } from "vitest";
import { fraction, InvalidInputError, parsePeriod, parseRevenueCsv, parseRevenueJson, RevenueCsvParser } from "../../src/index.js";

const header = "period,currency,gross,refunds,mau";

describe("parseRevenueCsv", () => {
  it("aggregates lines (days, months) into periods exactly", () => {
    const report = parseRevenueCsv(
      [header, "2026-07-01,USD,0.10,,100", "2026-07-02,USD,0.20,0.05,120", "2026-08,USD,1,,", "2026-07-31,USD,1000000000000.000000000001,,90"].join("\r\n"),
      { source: "r.csv" },
    );
    expect(report.currency).toBe("USD");
    expect(report.granularity).toBe("month");
    expect(report.periods.map((p) => p.period.label)).toEqual(["2026-07", "2026-08"]);
    const july = report.periods[0]!;
    expect(july.gross).toEqual(fraction(1000000000000300000000001n, 10n ** 12n));
    expect(july.refunds).toEqual(fraction(5n, 100n));
    expect(july.mau).toBe(120);
    expect(july).toMatchObject({ lines: 3, firstLine: 2, lastLine: 5 });
    expect(report.periods[1]!.mau).toBeUndefined();
  });

  it("streams: chunks split anywhere give the same report", () => {
    const text = [header, ...Array.from({ length: 50 }, (_, i) => `2026-0${(i % 9) + 1},USD,${i}.${i % 10},1,${i}`)].join("\n");
    const whole = parseRevenueCsv(text);
    for (const size of [1, 7, 64]) {
      const parser = new RevenueCsvParser();
      for (let i = 0; i < text.length; i += size) parser.push(text.slice(i, i + size));
      expect(parser.end()).toEqual(whole);
    }
  });

  it("reads wide usage columns, the long form, quoted fields and ignored x- columns", () => {
    const wide = parseRevenueCsv("period,currency,gross,usage:a,usage:b,x-note\n2026-07,USD,10,3,4,hello\n2026-07,USD,,1.5,,\n");
    expect(wide.periods[0]!.usage).toEqual({ a: fraction(9n, 2n), b: fraction(4n) });
    const long = parseRevenueCsv('period,currency,gross,model,usage\n2026-07,USD,"1,0",,\n2026-07,USD,,a,7\n2026-07,USD,,"b",2\n'.replace('"1,0"', '"10"'));
    expect(long.periods[0]!.usage).toEqual({ a: fraction(7n), b: fraction(2n) });
    expect(long.periods[0]!.gross).toEqual(fraction(10n));
  });

  it.each([
    ["2026-07,USD,12.3.4,,", 3, 13, /not a decimal/],
    ["2026-07,USD,-5,,", 3, 13, /must not be negative/],
    ["2026-07,USD,1e6,,", 3, 13, /not a decimal/],
    ["2026-07,USD,5,,1.5", 3, 16, /whole number of users/],
    ["2026-13,USD,5,,", 3, 1, /not a period/],
    ["2026-07,EUR,5,,", 3, 9, /differs from "USD"/],
    ["2026-Q3,USD,5,,", 3, 1, /quarter but earlier lines use months/],
    ["2026-07,USD,5,", 3, 15, /has 4 fields but the header has 5/],
    ["2026-07,USD,0.1234567890123,,", 3, 13, /more than 12 fraction digits/],
    ['2026-07,USD,"5,,', 3, 13, /quoted field is not closed/],
  ])("names line and column of %j", (line, lineNo, column, message) => {
    const text = `${header}\n2026-07,USD,1,,\n${line}\n`;
    try {
      parseRevenueCsv(text, { source: "r.csv" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).location).toBe(`r.csv:${lineNo}:${column}`);
      expect((error as Error).message).toMatch(message);
    }
  });

  it("refuses unknown or missing header columns, an empty report and over-long lines", () => {
    expect(() => parseRevenueCsv("period,currency,gros\n")).toThrowError(/unknown column "gros"/);
    expect(() => parseRevenueCsv("period,gross\n")).toThrowError(/no "currency" column/);
    expect(() => parseRevenueCsv("")).toThrowError(/empty/);
    expect(() => parseRevenueCsv(`${header}\n`)).toThrowError(/no revenue lines/);
    expect(() => parseRevenueCsv(`${header}\n2026-07,USD,${"1".repeat(70_000)},,\n`)).toThrowError(/r?evenue.csv:2:1: line is longer than 65536/);
    const parser = new RevenueCsvParser();
    parser.push(header + "\n");
    expect(() => parser.push("9".repeat(70_000))).toThrowError(/longer than/);
  });
});

describe("parseRevenueCsv on the shared CSV reader", () => {
  it("gives the same report however the text is cut, quotes, CRLF and a byte-order mark included", () => {
    const text = `\ufeff${header},usage:m\r\n2026-07-01,USD,"10",,5,1\r\n"2026-07-02","USD","2.5","0.5","7",""\r\n\r\n2026-08,USD,3,,,"4"`;
    const whole = parseRevenueCsv(text);
    expect(whole.periods.map((p) => [p.period.label, p.lines])).toEqual([["2026-07", 2], ["2026-08", 1]]);
    for (const size of [1, 2, 3, 5, 11]) {
      const parser = new RevenueCsvParser();
      for (let i = 0; i < text.length; i += size) parser.push(text.slice(i, i + size));
      expect(parser.end()).toEqual(whole);
    }
  });

  it.each([
    ['2026-07,USD,"5"x,,', 3, 16, /^r\.csv:3:16: unexpected text after a quoted field/],
    ['2026-07,USD,5"x,,', 3, 13, /^r\.csv:3:13: a quote \(\"\) inside an unquoted field/],
  ])("keeps its own message for %j", (line, lineNo, column, message) => {
    const text = `${header}\n2026-07,USD,1,,\n${line}\n`;
    expect(() => parseRevenueCsv(text, { source: "r.csv" })).toThrowError(message);
  });

  it("says the first line must be the header row when it is blank", () => {
    for (const text of ["\n", "\r\n", "  \n" + header, "\n" + header + "\n2026-07,USD,1,,\n"])
      expect(() => parseRevenueCsv(text, { source: "r.csv" })).toThrowError(/^r\.csv:1:1: the first line must be the header row/);
  });
});

describe("parseRevenueJson", () => {
  const doc = (lines: unknown[]) => JSON.stringify({ omrlRevenue: "1.0", currency: "USD", lines }, null, 2);
  it("parses lines with usage and mau", () => {
    const report = parseRevenueJson(doc([{ period: "2026-Q3", gross: "100.50", refunds: "0.50", mau: 10, usage: { "acme/a": "3" } }]));
    expect(report.granularity).toBe("quarter");
    expect(report.periods[0]).toMatchObject({ gross: fraction(201n, 2n), refunds: fraction(1n, 2n), mau: 10, usage: { "acme/a": fraction(3n) } });
  });
  it("refuses a float in a money field, naming line, column and pointer", () => {
    const text = doc([{ period: "2026-07", gross: "1" }, { period: "2026-07", gross: 19.99 }]);
    try {
      parseRevenueJson(text, { source: "r.json" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).location).toBe("r.json:11:16");
      expect((error as Error).message).toMatch(/number 19.99 is refused.*\/lines\/1\/gross/);
    }
    expect(() => parseRevenueJson(doc([{ period: "2026-07", gross: "1", usage: { a: 3 } }]))).toThrowError(/\/lines\/0\/usage\/a/);
  });
  it("names the place of syntax and field errors", () => {
    expect(() => parseRevenueJson('{\n  "omrlRevenue": "1.0",\n  "currency": "USD",\n  "lines": [,]\n}', { source: "r.json" })).toThrowError(/r.json:4:13: is not valid JSON/);
    expect(() => parseRevenueJson(doc([{ period: "2026-07", gross: "x" }]), { source: "r.json" })).toThrowError(/r.json:7:16: .*not a decimal.*\/lines\/0\/gross/);
    expect(() => parseRevenueJson(doc([{ period: "2026-07", grosss: "1" }]))).toThrowError(/unknown field "grosss"/);
  });
});

describe("periods", () => {
  it("parses months, quarters, years and days", () => {
    expect(parsePeriod("2026-Q3")).toMatchObject({ kind: "quarter", label: "2026-Q3", first: 2026 * 12 + 6, last: 2026 * 12 + 8 });
    expect(parsePeriod("2026-02-28")).toMatchObject({ kind: "month", label: "2026-02" });
    expect(parsePeriod("2026")).toMatchObject({ kind: "year", first: 2026 * 12, last: 2026 * 12 + 11 });
    for (const bad of ["2026-02-29", "2026-00", "2026-Q5", "26-01", "2026-1"]) expect(() => parsePeriod(bad)).toThrowError(InvalidInputError);
  });
});

describe("the CSV fast path", () => {
  it("gives exactly what the general path gives (quoted lines take the general path)", async () => {
    const fc = (await import("fast-check")).default;
    const amount = fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.integer({ min: 0, max: 12 })).map(([u, d]) => {
      const s = u.toString().padStart(d + 1, "0");
      return d === 0 ? s : `${s.slice(0, -d)}.${s.slice(-d)}`;
    });
    const line = fc.record({
      period: fc.constantFrom("2026-07", "2026-07-09", "2026-08", "2025-12-31"),
      gross: fc.oneof(amount, fc.constant("")),
      refunds: fc.oneof(amount, fc.constant("")),
      mau: fc.oneof(fc.integer({ min: 0, max: 10 ** 9 }).map(String), fc.constant("")),
      usage: fc.oneof(amount, fc.constant("")),
    });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 40 }), (lines) => {
        const head = "period,currency,gross,refunds,mau,usage:m\n";
        const plain = lines.map((l) => `${l.period},USD,${l.gross},${l.refunds},${l.mau},${l.usage}`).join("\n");
        const quoted = lines.map((l) => [l.period, "USD", l.gross, l.refunds, l.mau, l.usage].map((f) => `"${f}"`).join(",")).join("\n");
        expect(parseRevenueCsv(head + plain)).toEqual(parseRevenueCsv(head + quoted));
      }),
      { numRuns: 200 },
    );
  });
});
