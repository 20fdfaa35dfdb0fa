import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runOmrl } from "../helpers/cli.js";

/** What users of `omrl qf` hit on real rounds: errors that name the flag, and clr.fund recipients that share a name. */
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "omrl-qf-small-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("omrl qf errors name the flag that accepts the row", () => {
  it("a negative amount names --skip-negative; with it the row is left out", async () => {
    await writeFile(join(dir, "neg.csv"), "contributor,project,amount\nalice,p1,1.5\nbob,p1,-2\n");
    const r = await runOmrl(["qf", "--contributions", "neg.csv", "--pool", "100", "--token-decimals", "6"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/neg\.csv:3: "-2" is a negative amount .*--skip-negative/);
    const ok = await runOmrl(["qf", "--contributions", "neg.csv", "--pool", "100", "--token-decimals", "6", "--skip-negative"], { cwd: dir });
    expect(ok.code, ok.stderr).toBe(0);
  });

  it("an amount finer than the token's decimals names --round-amounts; with it the amount is rounded", async () => {
    await writeFile(join(dir, "fine.csv"), "contributor,project,amount\nalice,p1,1.1234567\n");
    const r = await runOmrl(["qf", "--contributions", "fine.csv", "--pool", "100", "--token-decimals", "6"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/fine\.csv:2: "1\.1234567" has more fraction digits than the token's 6 decimals; .*--round-amounts/);
    const ok = await runOmrl(["qf", "--contributions", "fine.csv", "--pool", "100", "--token-decimals", "6", "--round-amounts", "--format", "json"], { cwd: dir });
    expect(JSON.parse(ok.stdout).projects[0].contributionsUnits).toBe("1123457");
  });
});

describe("omrl qf --round: recipients with the same name stay apart", () => {
  it("every format carries each recipient's index and address", async () => {
    const a = "0x1111111111111111111111111111111111111111";
    const b = "0x2222222222222222222222222222222222222222";
    const round = {
      round: { matchingPoolSize: "1000", voiceCreditFactor: "10", totalSpent: "16", nativeTokenDecimals: 0, nativeTokenSymbol: "T" },
      tally: { results: { tally: ["6", "2"] }, totalVoiceCreditsPerVoteOption: { tally: ["12", "4"] } },
      projects: [
        { recipientIndex: 0, name: "Same name", recipientAddress: a, allocatedAmount: "0" },
        { recipientIndex: 1, name: "Same name", recipientAddress: b, allocatedAmount: "0" },
      ],
    };
    await writeFile(join(dir, "round.json"), JSON.stringify(round));
    const run = async (format: string) => {
      const r = await runOmrl(["qf", "--round", "round.json", "--clrfund-formula", "linear", "--format", format], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      return r.stdout;
    };
    const json = JSON.parse(await run("json"));
    expect(json.projects.map((p: { project: string; recipientIndex: number; recipientAddress: string }) => [p.recipientIndex, p.recipientAddress, p.project])).toEqual([
      [0, a, "Same name"],
      [1, b, "Same name"],
    ]);
    const csv = (await run("csv")).split("\n");
    expect(csv[0]).toBe("recipient_index,recipient_address,project,contributors,contributions,match,total,uncapped_match,capped");
    expect(csv[1]).toMatch(new RegExp(`^0,${a},Same name,`));
    expect(csv[2]).toMatch(new RegExp(`^1,${b},Same name,`));
    const md = await run("markdown");
    expect(md).toContain("| # | address | project |");
    expect(md).toContain(`| 0 | ${a} | Same name |`);
    const text = await run("text");
    expect(text).toMatch(new RegExp(`^\\s*0  ${a}  Same name`, "m"));
    expect(text).toMatch(new RegExp(`^\\s*1  ${b}  Same name`, "m"));
  });
});
