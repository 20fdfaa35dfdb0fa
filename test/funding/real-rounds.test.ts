import { existsSync, readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  aggregateContributions,
  clrfundAllocations,
  cocmWeights,
  matchRound,
  pairwiseWeights,
  parseClrfundRound,
  parseContributionsCsv,
  type ClrfundFormula,
  type Contribution,
} from "../../src/funding/index.js";
import { parsePercent } from "../../src/money/rate.js";
import { referenceCocm, referencePairwise, type Row } from "./reference.js";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const dataDir = resolve(repoRoot, "../shared/data/qf");
const clrfundDir = resolve(dataDir, "clrfund");
const gr9Path = resolve(dataDir, "gitcoin/gr9_contributions.csv");
const haveClrfund = existsSync(clrfundDir);
const haveGr9 = existsSync(gr9Path);
if (!haveClrfund || !haveGr9)
  console.warn(`real QF rounds skipped: ${dataDir} is absent (see ../shared/data/qf/README.md for the data these tests read)`);

// The formula each round's published payouts follow, by round address (../shared/data/qf/README.md).
const FORMULA: Record<string, ClrfundFormula> = {
  "0x806F08B7DD31fE0267e8c70C4bF8C4BfbBddE760": "quadratic",
  "0x96FBFf5171C38e8dbdEB1E8F559b94436A14529b": "quadratic",
  "0x18604d042A77C6Ed870Bb86Bc59042daf20BC2Fe": "linear",
  "0x1c1DF3c3612E140B295F8D37636cBdAf209C2d99": "linear",
  "0x5D259f67FBB03bcF2F1c3f35Ec12F711d7A2D439": "linear",
  "0xA61aAd9fc284ef75B2b39575E3E0f16863e755bc": "linear",
};
const roundFiles = haveClrfund ? readdirSync(clrfundDir).filter((f) => f.endsWith(".json")).sort() : [];

describe.skipIf(!haveClrfund)("clr.fund rounds: every project's published allocatedAmount, to the wei", () => {
  it("has round files to check", () => expect(roundFiles.length).toBeGreaterThan(0));
  it.each(roundFiles)("%s", (file) => {
    const round = parseClrfundRound(JSON.parse(readFileSync(resolve(clrfundDir, file), "utf8")), file);
    const address = file.replace(/^[a-z]+_/, "").replace(/\.json$/, "");
    const published = round.projects.filter((p) => p.allocatedAmount !== undefined);
    expect(published.length).toBeGreaterThan(0);
    const reproduces = (formula: ClrfundFormula) => {
      const allocations = clrfundAllocations(round.tally, formula);
      return published.every((p) => allocations[p.recipientIndex] === p.allocatedAmount);
    };
    const formula = FORMULA[address] ?? (["quadratic", "linear"] as const).find(reproduces);
    expect(formula, `neither formula reproduces ${file}`).toBeDefined();
    const allocations = clrfundAllocations(round.tally, formula!);
    for (const p of published) expect([p.name, allocations[p.recipientIndex]]).toEqual([p.name, p.allocatedAmount]);
    // what the contract paid out never exceeds the pool plus the contributions
    const paid = published.reduce((a, p) => a + p.allocatedAmount!, 0n);
    const contributions = round.tally.spent.reduce((a, s) => a + s, 0n) * round.tally.voiceCreditFactor;
    expect(paid <= round.tally.matchingPoolSize + contributions).toBe(true);
  });
});

describe.skipIf(!haveGr9)("Gitcoin Grants round 9", () => {
  const load = () => {
    const parsed = parseContributionsCsv(readFileSync(gr9Path, "utf8"), {
      decimals: 6,
      rounding: "half-up",
      where: { success: "True" },
      skipNegative: true,
      source: "gr9_contributions.csv",
    });
    return { ...parsed, contributions: parsed.contributions.filter((c) => c.amount > 0n) };
  };
  const { contributions } = haveGr9 ? load() : { contributions: [] as Contribution[] };
  const round = aggregateContributions(contributions);
  const pool = { amount: 500_000_000000n, decimals: 6, symbol: "DAI" };

  it("parses the real file: 69,015 positive rows, 8,131 contributors, 641 grants, names kept exactly", () => {
    expect(contributions.length).toBe(69_015);
    expect(round.contributors.length).toBe(8_131);
    expect(round.projects.length).toBe(641);
    expect(round.entryAmount.length).toBe(61_410);
    expect(round.projects.some((p) => p.includes(",") || p.includes('"'))).toBe(true);
    expect(round.projects).toContain("Gitcoin Grants Round 9 + Dev Fund");
  });

  for (const algorithm of ["standard", "pairwise", "cocm"] as const) {
    it(`${algorithm}: the pool is fully distributed, exactly; a 10% cap is respected`, () => {
      const free = matchRound({ contributions: round, pool, algorithm });
      expect(free.distributed).toBe(pool.amount);
      expect(free.projects.reduce((a, p) => a + p.match, 0n)).toBe(pool.amount);
      const capped = matchRound({ contributions: round, pool, algorithm, capPpm: parsePercent("10%") });
      expect(capped.projects.reduce((a, p) => a + p.match, 0n)).toBe(capped.distributed);
      expect(capped.distributed).toBe(pool.amount);
      for (const p of capped.projects) expect(p.match <= pool.amount / 10n).toBe(true);
      for (const p of capped.projects) expect(p.total).toBe(p.contributions + p.match);
      if (capped.caps.cappedProjects.length) expect(capped.caps.movedFromCapped > 0n).toBe(true);
    });
  }

  it("standard: single-contributor grants get no match; shares agree with (Σ√c)² − Σc evaluated here", () => {
    const result = matchRound({ contributions: round, pool, algorithm: "standard" });
    const singles = result.projects.filter((p) => p.contributors === 1);
    expect(singles.length).toBeGreaterThan(0);
    for (const p of singles) expect(p.match).toBe(0n);
    // independent evaluation: sum each contributor's rows per grant with string keys, in float
    const byGrant = new Map<string, Map<string, number>>();
    for (const c of contributions) {
      const grant = byGrant.get(c.project) ?? new Map<string, number>();
      grant.set(c.contributor, (grant.get(c.contributor) ?? 0) + Number(c.amount));
      byGrant.set(c.project, grant);
    }
    const raw = new Map<string, number>();
    for (const [grant, donors] of byGrant) {
      let s = 0;
      let t = 0;
      for (const v of donors.values()) {
        s += Math.sqrt(v);
        t += v;
      }
      raw.set(grant, Math.max(0, s * s - t));
    }
    const total = [...raw.values()].reduce((a, b) => a + b, 0);
    for (const p of result.projects) {
      const expected = (raw.get(p.project)! / total) * Number(pool.amount);
      expect(Math.abs(Number(p.match) - expected)).toBeLessThanOrEqual(1 + 1e-8 * Number(pool.amount));
    }
  });

  it("more contributors with the same total gets more match, under every algorithm", () => {
    // two new grants funded by existing GR9 contributors: 2 × 50 DAI against 100 × 1 DAI
    const extra: Contribution[] = [
      { contributor: round.contributors[0]!, project: "few", amount: 50_000000n },
      { contributor: round.contributors[1]!, project: "few", amount: 50_000000n },
      ...round.contributors.slice(100, 200).map((contributor) => ({ contributor, project: "many", amount: 1_000000n })),
    ];
    const augmented = aggregateContributions([...contributions, ...extra]);
    for (const algorithm of ["standard", "pairwise", "cocm"] as const) {
      const r = matchRound({ contributions: augmented, pool, algorithm });
      const m = new Map(r.projects.map((p) => [p.project, p.match]));
      expect(m.get("many")! > m.get("few")!, algorithm).toBe(true);
    }
  });

  it("pairwise and COCM agree with a naive dense evaluation on a slice of the round", () => {
    // the first 250 contributors' gifts to the 30 grants they fund most often
    const donors = new Set(round.contributors.slice(0, 250));
    const inSlice = contributions.filter((c) => donors.has(c.contributor));
    const counts = new Map<string, number>();
    for (const c of inSlice) counts.set(c.project, (counts.get(c.project) ?? 0) + 1);
    const grants = new Set([...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 30).map(([g]) => g));
    const slice = inSlice.filter((c) => grants.has(c.project));
    const rows: Row[] = slice.map((c) => ({ contributor: c.contributor, project: c.project, amount: Number(c.amount) }));
    const sub = aggregateContributions(slice);
    const compare = (ours: Float64Array, reference: Map<string, number>) =>
      sub.projects.forEach((p, k) => {
        const expected = reference.get(p)!;
        expect(Math.abs(ours[k]! - expected), p).toBeLessThanOrEqual(1e-9 * Math.max(1, expected));
      });
    compare(pairwiseWeights(sub, 25e6), referencePairwise(rows, 25e6));
    compare(cocmWeights(sub), referenceCocm(rows));
  });
});
