import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.js";
import { parseContributionsCsv, parseTokenAmount, type ParseContributionsParameters } from "../../src/funding/index.js";

/** The file's bytes one per character, as the CLI hands them over. */
const asBytes = (text: string) => Buffer.from(text, "utf8").toString("latin1");

const outcome = (text: string, parameters: ParseContributionsParameters) => {
  try {
    return parseContributionsCsv(text, parameters);
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    return { error: error.message.replace(/:\d+$/, "") }; // columns count bytes in utf8Bytes mode
  }
};

describe("parseContributionsCsv over UTF-8 bytes (utf8Bytes)", () => {
  const names = ["alice", "Zoë", "日本語 grant", "🦙 llama", 'say "hi"', "a, b", " spaced ", "x\ny", "ÿ"];
  const amounts = ["1", "12.5", "0.0000015", "-3", "9.5e-05", "\u00a07", "1234567890123456.25", "x", "0"];
  const quote = (field: string) => (/[",\n]/.test(field) || field !== field.trim() ? `"${field.replaceAll('"', '""')}"` : field);
  const csv = fc
    .tuple(
      fc.boolean(),
      fc.array(
        fc.tuple(fc.constantFrom(...names), fc.constantFrom(...names), fc.constantFrom(...amounts), fc.constantFrom("True", "Falsé", "✓")),
        { maxLength: 12 },
      ),
    )
    .map(
      ([bom, rows]) =>
        (bom ? "\ufeff" : "") +
        "contributor,grant,amount,success\n" +
        rows.map((r) => r.map(quote).join(",")).join("\r\n"),
    );

  it("reads exactly what the decoded text reads, errors included", () => {
    fc.assert(
      fc.property(
        csv,
        fc.constantFrom("True", "✓"),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        (text, success, skipNegative, halfUp, sink) => {
          const run = (input: string, utf8Bytes: boolean) => {
            const seen: unknown[] = [];
            const result = outcome(input, {
              decimals: 6,
              rounding: halfUp ? "half-up" : "exact",
              skipNegative,
              where: { success },
              utf8Bytes,
              onContribution: sink ? (c) => void seen.push(c) : undefined,
            });
            return { result, seen };
          };
          expect(run(asBytes(text), true)).toEqual(run(text, false));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it("reads what the rows say, field by field (an independent reading of the same rows)", () => {
    const rows = fc.array(
      fc.tuple(fc.constantFrom(...names), fc.constantFrom(...names), fc.constantFrom(...amounts), fc.constantFrom("True", "Falsé", "✓", "")),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(rows, fc.boolean(), fc.boolean(), fc.boolean(), (list, skipNegative, halfUp, utf8Bytes) => {
        const rounding = halfUp ? ("half-up" as const) : ("exact" as const);
        const text = "contributor,grant,amount,success\n" + list.map((r) => r.map(quote).join(",")).join("\n") + "\n";
        // the expectation, straight from the rows
        let expected: { contributions: unknown[]; filteredOut: number; negativeSkipped: number } | "error" = {
          contributions: [],
          filteredOut: 0,
          negativeSkipped: 0,
        };
        for (const [contributor, project, amount, success] of list) {
          if (expected === "error") break;
          if (success !== "True") expected.filteredOut++;
          else if (skipNegative && amount.trimStart().startsWith("-")) expected.negativeSkipped++;
          else
            try {
              const units = parseTokenAmount(amount, { decimals: 6, rounding });
              expected.contributions.push({ contributor, project, amount: units, weight: undefined, recipient: undefined });
            } catch {
              expected = "error";
            }
        }
        const input = utf8Bytes ? asBytes(text) : text;
        const parameters = { decimals: 6, rounding, skipNegative, where: { success: "True" }, utf8Bytes };
        if (expected === "error") expect(() => parseContributionsCsv(input, parameters)).toThrowError(InvalidInputError);
        else expect(parseContributionsCsv(input, parameters)).toEqual(expected);
      }),
      { numRuns: 2_000 },
    );
  });

  it("decodes names, filter values and the header", () => {
    const text = "\ufeffContributor,Grant,Amount,Succès\nZoë,🦙 llama,1.5,oui\nbob,🦙 llama,2,non\n";
    const { contributions, filteredOut } = parseContributionsCsv(asBytes(text), {
      decimals: 6,
      where: { succès: "oui" },
      utf8Bytes: true,
    });
    expect(contributions).toEqual([{ contributor: "Zoë", project: "🦙 llama", amount: 1_500_000n, weight: undefined, recipient: undefined }]);
    expect(filteredOut).toBe(1);
  });
});
