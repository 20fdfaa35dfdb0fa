import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getAddress } from "viem";
import { InvalidInputError } from "../../src/errors.js";
import { checksumAddress } from "../../src/funding/checksum-address.js";
import {
  aggregateContributions,
  clrfundAllocations,
  cocmWeights,
  createRoundBuilder,
  distributeByWeights,
  formatMatchResult,
  funderPayback,
  isqrt,
  matchRound,
  pairwiseWeights,
  parseContributionsCsv,
  parseContributionsJson,
  parseCsv,
  parseTokenAmount,
  quantizeWeights,
  standardWeights,
  type Contribution,
} from "../../src/funding/index.js";
import { parsePercent } from "../../src/money/rate.js";
import { referenceCocm, referencePairwise, referenceStandard, type Row } from "./reference.js";

const USDC = { decimals: 6, symbol: "USDC" };
const c = (contributor: string, project: string, tokens: number): Contribution => ({
  contributor,
  project,
  amount: BigInt(Math.round(tokens * 1e6)),
});
const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);

describe("parseCsv", () => {
  const rows = (text: string) => {
    const out: string[][] = [];
    parseCsv(text, (r) => out.push([...r]));
    return out;
  };
  it("keeps quoted commas, doubled quotes, line breaks and significant spaces", () => {
    expect(rows('a,b\n"x, y",2\n" lead",trail \n"say ""hi""","multi\nline"\r\nlast,1')).toEqual([
      ["a", "b"],
      ["x, y", "2"],
      [" lead", "trail "],
      ['say "hi"', "multi\nline"],
      ["last", "1"],
    ]);
  });
  it("skips blank lines and keeps empty fields", () => {
    expect(rows("a,b\n\n,\n1,\n")).toEqual([["a", "b"], ["", ""], ["1", ""]]);
  });
  it("says where a quote is wrong", () => {
    expect(() => rows('a\n"open')).toThrowError(/csv:2:1: unclosed quote/);
    expect(() => rows('a\n"x"y')).toThrowError(/after a closing quote/);
    expect(() => rows('a,"b\nx"y,"z"')).toThrowError(/after a closing quote/);
  });
  it("delivers only the fields onHeader picks, on the fast and the quoted path alike", () => {
    const out: (string | undefined)[][] = [];
    let header: string[] = [];
    parseCsv('a,b,c,d\n1,2,3,4\n"x,1",y,"z",w\nshort\n', (r) => out.push(r), {
      onHeader: (h) => ((header = h), [3, 0]),
    });
    expect(header).toEqual(["a", "b", "c", "d"]);
    expect(out).toEqual([["4", "1"], ["w", "x,1"], [undefined, "short"]]);
  });
  it("bounds the rows it accepts", () => {
    expect(() => parseCsv("a\n1\n2\n3\n", () => {}, { maxRows: 2 })).toThrowError(/more than 2 rows/);
    expect(() => parseCsv("a\n1\n2\n3\n", () => {}, { maxRows: 2, source: "c.csv" })).toThrowError(/^c\.csv:4: more than 2 rows/);
    expect(() => parseCsv('a\n"1\n2"\n3\n', () => {}, { maxRows: 1, source: "c.csv" })).toThrowError(/^c\.csv:4: more than 1 rows/);
  });
  it("keeps its own messages and places on the shared reader", () => {
    expect(() => rows('a\nb"c')).toThrowError(/^csv:2:2: a quote inside an unquoted field/);
    expect(() => rows('a\n"x"y')).toThrowError(/^csv:2:4: unexpected text after a closing quote/);
    expect(() => parseCsv('a\n"open', () => {}, { source: "c.csv" })).toThrowError(/^c\.csv:2:1: unclosed quote/);
    expect(rows('a,b\n""\n1,2')).toEqual([["a", "b"], ["1", "2"]]); // a line of only "" is blank, as before
  });
});

describe("parseTokenAmount", () => {
  it("converts decimals and scientific notation exactly", () => {
    expect(parseTokenAmount("12.5", { decimals: 6 })).toBe(12_500_000n);
    expect(parseTokenAmount("9.5e-05", { decimals: 18 })).toBe(95_000_000_000_000n);
    expect(parseTokenAmount("1E3", { decimals: 0 })).toBe(1000n);
    expect(parseTokenAmount("0.000001", { decimals: 6 })).toBe(1n);
  });
  it("refuses digits below the token's resolution unless asked to round half up", () => {
    expect(() => parseTokenAmount("0.0000015", { decimals: 6 })).toThrowError(/more fraction digits/);
    expect(parseTokenAmount("0.0000015", { decimals: 6, rounding: "half-up" })).toBe(2n);
    expect(parseTokenAmount("0.0000014999", { decimals: 6, rounding: "half-up" })).toBe(1n);
  });
  it.each([["-1"], ["1,000"], [""], ["0x10"], ["NaN"], ["1.2.3"]])("refuses %j", (text) => {
    expect(() => parseTokenAmount(text, { decimals: 6 })).toThrowError(InvalidInputError);
  });
  it("refuses a JSON number where money belongs", () => {
    expect(() => parseTokenAmount(12.5, { decimals: 6, location: "/0/amount" })).toThrowError(/\/0\/amount.*number 12.5/);
  });
});

describe("parseContributions", () => {
  it("reads CSV with aliases, filters, weights and recipients", () => {
    const text = [
      "time,contributor,grant,amount,weight,success,recipient_address",
      '1,alice,"Model, the ""big"" one ",1.5,0.5,True,0xbob',
      "2,bob,tiny,2,,False,",
      "3,carol,tiny,-1,,True,",
    ].join("\n");
    const { contributions, filteredOut, negativeSkipped } = parseContributionsCsv(text, {
      decimals: 6,
      where: { success: "True" },
      skipNegative: true,
    });
    expect(filteredOut).toBe(1);
    expect(negativeSkipped).toBe(1);
    expect(contributions).toEqual([
      {
        contributor: "alice",
        project: 'Model, the "big" one ',
        amount: 1_500_000n,
        weight: { num: 1n, den: 2n },
        recipient: "0xbob",
      },
    ]);
  });
  it("streams into a round builder with the same result as aggregating the array", () => {
    const text = "contributor,project,amount\na,p,1\nb,p,2\na,p,3\nc,q,0\n";
    const builder = createRoundBuilder();
    const streamed = parseContributionsCsv(text, { decimals: 0, onContribution: builder.add });
    expect(streamed.contributions).toEqual([]);
    const round = builder.finish();
    expect(round).toEqual(aggregateContributions(parseContributionsCsv(text, { decimals: 0 }).contributions));
    expect(round.entryUnits).toEqual([4n, 2n]);
    expect(round.excluded.zeroAmount).toBe(1);
  });
  it("says which column is missing", () => {
    expect(() => parseContributionsCsv("who,project,amount\nx,y,1\n", { decimals: 0, source: "c.csv" })).toThrowError(
      /c\.csv:1: no contributor column/,
    );
  });
  it("refuses a float amount in JSON, with a pointer", () => {
    expect(() =>
      parseContributionsJson({ contributions: [{ contributor: "a", project: "p", amount: 1.5 }] }, { decimals: 6, source: "c.json" }),
    ).toThrowError(/c\.json#\/contributions\/0\/amount: expected a decimal string, got the number 1.5/);
    expect(parseContributionsJson([{ contributor: "a", project: "p", amount: "1.5" }], { decimals: 6 }).contributions).toEqual([
      { contributor: "a", project: "p", amount: 1_500_000n },
    ]);
  });
});

describe("distributeByWeights", () => {
  it("largest remainder: exact sum, ties to the earlier project, zero weight gets zero", () => {
    expect(distributeByWeights({ amount: 100n, weights: [1n, 1n, 1n, 0n] }).parts).toEqual([34n, 33n, 33n, 0n]);
  });
  it("caps iteratively until no project is over", () => {
    // shares 50/30/20 of 100 with a cap of 40: 40, then 60 over 30:20 → 36/24
    const r = distributeByWeights({ amount: 100n, weights: [50n, 30n, 20n], cap: 40n });
    expect(r.parts).toEqual([40n, 36n, 24n]);
    expect(r.capped).toEqual([true, false, false]);
    // a second round: 60/25/15 cap 35 → 35, then 65 over 25:15 = 40.6 > 35 → 35, then 30 to the last
    const r2 = distributeByWeights({ amount: 100n, weights: [60n, 25n, 15n], cap: 35n });
    expect(r2.parts).toEqual([35n, 35n, 30n]);
    expect(r2.iterations).toBe(2);
    // everyone capped: the rest stays undistributed
    const r3 = distributeByWeights({ amount: 100n, weights: [1n, 1n], cap: 30n });
    expect(r3.parts).toEqual([30n, 30n]);
    expect(r3.distributed).toBe(60n);
  });
  it("property: parts sum to what is distributed, respect the cap, and sit within one unit of the water-filled share", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 24n }),
        fc.array(fc.bigInt({ min: 0n, max: 2n ** 52n }), { minLength: 1, maxLength: 30 }),
        fc.option(fc.integer({ min: 1, max: 1_000_000 }), { nil: undefined }),
        (amount, weights, capPpm) => {
          const cap = capPpm === undefined ? undefined : (amount * BigInt(capPpm)) / 1_000_000n;
          const r = distributeByWeights({ amount, weights, cap });
          expect(sum(r.parts)).toBe(r.distributed);
          expect(r.distributed <= amount).toBe(true);
          const total = sum(weights);
          if (cap === undefined) {
            expect(r.distributed).toBe(total === 0n ? 0n : amount);
            weights.forEach((w, p) => {
              const exact = total === 0n ? 0n : amount * w; // part ≈ exact / total
              const part = r.parts[p]!;
              if (total > 0n) expect(part * total <= exact + total && exact < (part + 1n) * total).toBe(true);
            });
          } else {
            for (const part of r.parts) expect(part <= cap).toBe(true);
            weights.forEach((w, p) => w === 0n && expect(r.parts[p]).toBe(0n));
            // if something is undistributed, every project with weight is at the cap
            if (r.distributed < amount)
              weights.forEach((w, p) => w > 0n && expect(r.parts[p]).toBe(cap));
          }
        },
      ),
    );
  });
  it("quantizes float weights against the largest, refusing non-finite ones", () => {
    expect(quantizeWeights([2, 1, 0])).toEqual([2n ** 52n, 2n ** 51n, 0n]);
    expect(() => quantizeWeights([1, Number.NaN])).toThrowError(RangeError);
  });
});

describe("matchRound", () => {
  const pool = { amount: 1000_000000n, ...USDC };
  it("standard QF: a single-contributor project gets no match; pool fully distributed", () => {
    const r = matchRound({
      contributions: [c("a", "solo", 100), c("b", "many", 1), c("c", "many", 1), c("d", "many", 1)],
      pool,
    });
    const byName = new Map(r.projects.map((p) => [p.project, p]));
    expect(byName.get("solo")!.match).toBe(0n);
    expect(byName.get("many")!.match).toBe(pool.amount);
    expect(byName.get("many")!.total).toBe(pool.amount + 3_000000n);
    expect(r.distributed).toBe(pool.amount);
  });
  it("more contributors with the same total gets more match", () => {
    // each donor also funds a project of their own: COCM subsidises connections between clusters
    // (a project whose donors all fund the same clusters gets nothing under it)
    const rows = [
      c("a", "two", 5),
      c("b", "two", 5),
      c("a", "oa", 1),
      c("b", "ob", 1),
      ...Array.from({ length: 10 }, (_, i) => c(`x${i}`, "ten", 1)),
      ...Array.from({ length: 10 }, (_, i) => c(`x${i}`, `o${i}`, 1)),
    ];
    for (const algorithm of ["standard", "pairwise", "cocm"] as const) {
      const r = matchRound({ contributions: rows, pool, algorithm });
      const m = new Map(r.projects.map((p) => [p.project, p.match]));
      expect(m.get("ten")! > m.get("two")!).toBe(true);
    }
  });
  it("caps, reports what moved, and respects the cap with iterative redistribution", () => {
    const rows = [
      ...Array.from({ length: 20 }, (_, i) => c(`a${i}`, "big", 1)),
      ...Array.from({ length: 8 }, (_, i) => c(`b${i}`, "mid", 1)),
      ...Array.from({ length: 6 }, (_, i) => c(`c${i}`, "small", 1)),
    ];
    const r = matchRound({ contributions: rows, pool, capPpm: parsePercent("40%") });
    const cap = 400_000000n;
    expect(r.caps.cap).toBe(cap);
    for (const p of r.projects) expect(p.match <= cap).toBe(true);
    expect(r.caps.cappedProjects).toContain("big");
    expect(sum(r.projects.map((p) => p.match))).toBe(r.distributed);
    expect(r.distributed).toBe(pool.amount);
    const big = r.projects.find((p) => p.project === "big")!;
    expect(r.caps.movedFromCapped).toBe(big.uncappedMatch - big.match);
    expect(r.caps.movedFromCapped > 0n).toBe(true);
  });
  it("leaves out self-contributions, amounts below the minimum, and zeros", () => {
    const rows: Contribution[] = [
      { ...c("0xAbC0000000000000000000000000000000000001", "p", 5), recipient: "0xabc0000000000000000000000000000000000001" },
      c("b", "p", 0.5),
      c("d", "p", 0),
      c("e", "p", 2),
      c("f", "p", 2),
    ];
    const r = matchRound({ contributions: rows, pool, minimumContribution: 1_000000n });
    expect(r.excluded).toEqual({ zeroAmount: 1, belowMinimum: 1, selfContributions: 1 });
    expect(r.projects[0]!.contributors).toBe(2);
    expect(r.projects[0]!.contributions).toBe(4_000000n);
  });
  it("weights scale the matching amount, not the contributions total", () => {
    const half = { num: 1n, den: 2n };
    const round = aggregateContributions([{ ...c("a", "p", 4), weight: half }, c("b", "p", 4)]);
    expect(round.entryUnits).toEqual([2_000000n, 4_000000n]);
    expect(round.projectContributions).toEqual([8_000000n]);
  });
  it("pairwise: co-donating pairs are bounded; disjoint pairs are as standard", () => {
    const M = 25e6;
    // p and q share both contributors; r has two others who fund nothing else
    const rows = [c("a", "p", 100), c("b", "p", 100), c("a", "q", 100), c("b", "q", 100), c("x", "r", 100), c("y", "r", 100)];
    const w = pairwiseWeights(aggregateContributions(rows), M);
    const std = standardWeights(aggregateContributions(rows));
    expect(w[2]! / std[2]!).toBeCloseTo(M / (M + 100e6) / 2, 12); // standard: 2√(cₓc_y); pairwise: √(cₓc_y)·M/(M + pair total)
    expect(w[0]! < w[2]!).toBe(true);
  });
});

describe("the sparse algorithms agree with a naive evaluation of the formulas", () => {
  // a random round, deterministic: 60 contributors, 12 projects, amounts with cents
  const random = fc.sample(
    fc.array(
      fc.record({ i: fc.integer({ min: 0, max: 59 }), p: fc.integer({ min: 0, max: 11 }), cents: fc.integer({ min: 1, max: 50_000 }) }),
      { minLength: 150, maxLength: 150 },
    ),
    { numRuns: 1, seed: 42 },
  )[0]!;
  const rows: Row[] = random.map((r) => ({ contributor: `c${r.i}`, project: `p${r.p}`, amount: r.cents * 1e4 }));
  const contributions = rows.map((r) => ({ contributor: r.contributor, project: r.project, amount: BigInt(r.amount) }));
  const round = aggregateContributions(contributions);
  const check = (ours: Float64Array, reference: Map<string, number>) => {
    round.projects.forEach((p, k) => {
      const expected = reference.get(p)!;
      expect(Math.abs(ours[k]! - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
    });
  };
  it("standard", () => check(standardWeights(round), referenceStandard(rows)));
  it("pairwise", () => check(pairwiseWeights(round, 25e6), referencePairwise(rows, 25e6)));
  it("COCM", () => check(cocmWeights(round), referenceCocm(rows)));
  it("COCM: the WebAssembly kernel and the JavaScript loops give bit-identical weights", () => {
    expect(Array.from(cocmWeights(round))).toEqual(Array.from(cocmWeights(round, { webAssembly: false })));
  });
});

describe("clr.fund formulas", () => {
  it("quadratic and linear in integer arithmetic", () => {
    const tally = { matchingPoolSize: 1000n, voiceCreditFactor: 10n, totalSpent: 20n, tally: [4n, 2n], spent: [16n, 4n] };
    // T = 20 squares… Σ tally² = 20 = totalSpent: no recipient has more than one vote per contributor → refused
    expect(() => clrfundAllocations(tally, "quadratic")).toThrowError(/more than one vote/);
    const t2 = { ...tally, tally: [6n, 2n], spent: [12n, 4n], totalSpent: 16n }; // Σ tally² = 40
    const alpha = (1000n * 10n ** 18n) / (10n * (40n - 16n));
    const expected = [
      (alpha * 10n * 36n + (10n ** 18n - alpha) * 10n * 12n) / 10n ** 18n,
      (alpha * 10n * 4n + (10n ** 18n - alpha) * 10n * 4n) / 10n ** 18n,
    ];
    expect(clrfundAllocations(t2, "quadratic")).toEqual(expected);
    expect(clrfundAllocations(t2, "linear")).toEqual([(1000n * 6n) / 8n + 120n, (1000n * 2n) / 8n + 40n]);
  });
  it("isqrt is the exact floor", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 60n }), (n) => {
        const r = isqrt(n);
        expect(r * r <= n && (r + 1n) * (r + 1n) > n).toBe(true);
      }),
    );
  });
});

describe("funderPayback", () => {
  const A = "0x00000000000000000000000000000000000000aa";
  const B = "0x00000000000000000000000000000000000000BB";
  const C = "0x00000000000000000000000000000000000000cc";
  const rows = [c(C, "m", 1), c(A, "m", 3), c(B.toLowerCase(), "m", 2), c(B, "m", 2), c(A, "other", 100)];
  it("pro rata: ppm shares sum exactly to the slice; split sorted, summing to 1e6", () => {
    const r = funderPayback({ contributions: rows, project: "m", slicePpm: parsePercent("20%") });
    expect(r.funders.map((f) => [f.account.toLowerCase(), f.contributed])).toEqual([
      [A, 3_000000n],
      [B.toLowerCase(), 4_000000n],
      [C, 1_000000n],
    ]);
    expect(sum(r.funders.map((f) => f.sharePpm))).toBe(200_000n);
    expect(r.payees.map((p) => p.share)).toEqual(["7.5%", "10%", "2.5%"]);
    expect(r.payees.every((p) => p.role === "funders")).toBe(true);
    expect(r.split.splitMain.percentAllocations).toEqual([375_000, 500_000, 125_000]);
    expect(r.split.recipients.map((x) => x.percentAllocation)).toEqual([37.5, 50, 12.5]);
    expect(r.split.distributorFeePercent).toBe(0);
  });
  it("sqrt weighting, and exactness for awkward amounts (property)", () => {
    const r = funderPayback({ contributions: rows, project: "m", weighting: "sqrt" });
    expect(r.funders[1]!.sharePpm > r.funders[0]!.sharePpm).toBe(true);
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 1n, max: 10n ** 24n }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom("pro-rata" as const, "sqrt" as const),
        (amounts, slice, weighting) => {
          const contributions = amounts.map((amount, i) => ({
            contributor: `0x${(i + 1).toString(16).padStart(40, "0")}`,
            project: "m",
            amount,
          }));
          const out = funderPayback({ contributions, project: "m", slicePpm: BigInt(slice), weighting });
          expect(sum(out.funders.map((f) => f.sharePpm))).toBe(BigInt(slice));
          expect(out.split.splitMain.percentAllocations.reduce((a, b) => a + b, 0)).toBe(1_000_000);
          expect(out.split.splitMain.percentAllocations.every((x) => x > 0)).toBe(true);
          const addresses = out.split.splitMain.accounts.map((a) => a.toLowerCase());
          expect([...addresses].sort()).toEqual(addresses);
        },
      ),
      { numRuns: 50 },
    );
  });
  it("maps ids to addresses, and refuses ids it cannot pay", () => {
    const ids = [c("70b13b328c", "m", 1), c("963ac464f3", "m", 1)];
    expect(() => funderPayback({ contributions: ids, project: "m" })).toThrowError(/2 funder\(s\) of "m" have no valid 0x address: 70b13b328c/);
    const r = funderPayback({ contributions: ids, project: "m", addresses: new Map([["70b13b328c", A], ["963ac464f3", C]]) });
    expect(r.payees.map((p) => p.share)).toEqual(["50%", "50%"]);
  });
});

describe("checksumAddress", () => {
  it("agrees with viem's getAddress, and refuses non-addresses and wrong checksums", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), (bytes) => {
        const lower = `0x${Buffer.from(bytes).toString("hex")}`;
        expect(checksumAddress(lower)).toBe(getAddress(lower));
        expect(checksumAddress(lower.toUpperCase().replace("0X", "0x"))).toBe(getAddress(lower));
      }),
    );
    expect(checksumAddress("0x52908400098527886E0F7030069857D2E4169EE7")).toBe("0x52908400098527886E0F7030069857D2E4169EE7");
    expect(checksumAddress("0x52908400098527886E0F7030069857D2E4169Ee7")).toBeUndefined();
    expect(checksumAddress("70b13b328c")).toBeUndefined();
  });
});

describe("formatMatchResult", () => {
  const r = matchRound({
    contributions: [c("a", "Model | one, \"q\"", 1), c("b", "Model | one, \"q\"", 4), c("a", "two", 1), c("c", "two", 1)],
    pool: { amount: 100_000000n, ...USDC },
  });
  it("renders text, json, csv and markdown with exact amounts", () => {
    const json = JSON.parse(formatMatchResult(r, "json"));
    expect(json.distributedUnits).toBe("100000000");
    expect(json.projects.map((p: { matchUnits: string }) => BigInt(p.matchUnits)).reduce((a: bigint, b: bigint) => a + b, 0n)).toBe(
      100_000000n,
    );
    const csv = formatMatchResult(r, "csv").split("\n");
    expect(csv[0]).toBe("project,contributors,contributions,match,total,uncapped_match,capped");
    expect(csv[1]).toMatch(/^"Model \| one, ""q""",2,5,/);
    expect(formatMatchResult(r, "markdown")).toContain("| Model \\| one, \"q\" | 2 | 5 |");
    expect(formatMatchResult(r, "text")).toMatch(/pool: 100 USDC; distributed 100 USDC/);
  });
});
