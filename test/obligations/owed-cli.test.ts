import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashTerms, statementSchema, verifyStatementHash, type Statement } from "../../src/index.js";
import { runOmrl } from "../helpers/cli.js";
import { address, makeTerms } from "./fixtures.js";

let dir: string;
const write = (path: string, value: unknown) => writeFile(join(dir, path), typeof value === "string" ? value : JSON.stringify(value, null, 2));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "omrl-owed-"));
  // The app uses C (a local folder) and D (a Hub id mapped through `sources`); C derives from B, B from A.
  const a = makeTerms("A", { rate: "5%" }, { derivatives: { allowed: true, reciprocal: true, stacking: "relative" } });
  const b = makeTerms("B", { rate: "10%" }, { derivatives: { allowed: true, reciprocal: true, stacking: "relative" } });
  b.upstream = [{ repo: "acme/A", revision: "1", license: "LicenseRef-OMRL-1.0", termsHash: hashTerms(a) }];
  const c = makeTerms("C", { rate: "20%" });
  c.upstream = [
    { repo: "acme/B", revision: "1", license: "LicenseRef-OMRL-1.0" },
    { repo: "other/apache-base", license: "apache-2.0" },
  ];
  const d = makeTerms("D", { rate: "1%", thresholds: { annualRevenue: "1000000", revenueWindow: "calendar_year" } });
  for (const [name, terms] of Object.entries({ A: a, B: b, C: c, D: d })) {
    await mkdir(join(dir, "models", name), { recursive: true });
    await write(`models/${name}/omrl.json`, terms);
  }
  await write("omrl.app.json", {
    omrlApp: "1.0",
    licensee: { name: "Acme Apps", account: `eip155:8453:${address(9)}` },
    models: [
      { id: "C", source: "./models/C", use: "hosted-inference" },
      { source: "hf:acme/D@abc", use: "embedded" },
    ],
    sources: { "hf:acme/D@abc": "./models/D", "acme/B": "./models/B", "hf:acme/A": "./models/A" },
  });
  await write("report.csv", "period,currency,gross,refunds,mau\n2026-07-01,USD,60.00,,10\n2026-08-15,USD,40.00,,12\n2026-10,USD,5,,\n");
  await write("float.json", '{ "omrlRevenue": "1.0", "currency": "USD",\n  "lines": [{ "period": "2026-07", "gross": 19.99 }] }');
  await write("bad.csv", "period,currency,gross\n2026-07,USD,1\n2026-07,USD,1.2.3\n");
  await write("unresolved.json", {
    omrlApp: "1.0",
    licensee: { name: "Acme Apps", account: `eip155:8453:${address(9)}` },
    models: [{ source: "hf:acme/unknown@1", use: "embedded" }],
  });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("omrl owed", () => {
  it("computes the statement with the upstream chain, prints JSON and writes --out atomically (exit 0)", async () => {
    const result = await runOmrl(["owed", "--revenue", "report.csv", "--period", "2026-Q3", "--rate", "USD/USDC=1.0001", "--format", "json", "--out", "out/statement.json"], { cwd: dir });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const statement = JSON.parse(result.stdout) as Statement;
    expect(new Ajv2020({ strict: true }).validate(statementSchema, statement)).toBe(true);
    expect(verifyStatementHash(statement)).toBe(true);
    expect(statement.periods).toEqual(["2026-Q3"]);
    const owed = Object.fromEntries(statement.obligations.map((o) => [o.id, [o.owed, o.amount, o.exempt]]));
    expect(owed).toEqual({
      "C:2026-Q3": ["20", "20002000", false],
      "acme/B:2026-Q3:via:C": ["10", "10001000", false],
      "acme/A:2026-Q3:via:C": ["0.5", "500050", false],
      "acme/D:2026-Q3": ["0", "0", true],
    });
    expect(statement.obligations.find((o) => o.id === "acme/D:2026-Q3")!.model).toBe("hf:acme/D@abc");
    expect(JSON.parse(await readFile(join(dir, "out/statement.json"), "utf8"))).toEqual(statement);
  });

  it("prints Markdown and CSV", async () => {
    const md = await runOmrl(["owed", "--revenue", "report.csv", "--rate", "USD/USDC=1", "--format", "markdown"], { cwd: dir });
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^# Revenue statement — Acme Apps/);
    expect(md.stdout).toContain("| C:2026-Q4 | 2026-Q4 | no | gross 5 | 20% | 1 USD | 1000000 |");
    const csv = await runOmrl(["owed", "--revenue", "report.csv", "--rate", "USD/USDC=1", "--format", "csv"], { cwd: dir });
    expect(csv.code).toBe(0);
    expect(csv.stdout.trim().split("\n")).toHaveLength(1 + 8 * 2);
  });

  it("exits 2 naming a missing rate pair", async () => {
    const result = await runOmrl(["owed", "--revenue", "report.csv", "--rate", "USD/DAI=1"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no conversion rate for USD\/USDC/);
  });

  it("exits 2 for a Hub model it cannot resolve offline", async () => {
    const result = await runOmrl(["owed", "--manifest", "unresolved.json", "--revenue", "report.csv", "--rate", "USD/USDC=1"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot resolve hf:acme\/unknown@1 offline; add it to "sources"/);
  });

  it("exits 2 for a float in a JSON report, naming line and column", async () => {
    const result = await runOmrl(["owed", "--revenue", "float.json", "--rate", "USD/USDC=1"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/float\.json:2:45: the number 19\.99 is refused/);
  });

  it("exits 2 with file:line:column for a bad revenue line", async () => {
    const result = await runOmrl(["owed", "--revenue", "bad.csv", "--rate", "USD/USDC=1"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/bad\.csv:3:13: "1\.2\.3" is not a decimal number/);
  });
});
