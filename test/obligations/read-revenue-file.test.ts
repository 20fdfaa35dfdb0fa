import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidInputError, readRevenueFile } from "../../src/node.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "omrl-revenue-"));
  // > 1 MiB so the CSV arrives in several chunks, lines split across chunk boundaries
  const lines = Array.from({ length: 60_000 }, (_, i) => `2026-0${(i % 3) + 7}-${String((i % 28) + 1).padStart(2, "0")},USD,${i % 1000}.${String(i % 100).padStart(2, "0")},,`);
  await writeFile(join(dir, "r.csv"), `period,currency,gross,refunds,mau\n${lines.join("\n")}\n`);
  const json = { omrlRevenue: "1.0", currency: "USD", lines: lines.map((l) => ({ period: l.split(",")[0], gross: l.split(",")[2] })) };
  await writeFile(join(dir, "r.json"), JSON.stringify(json));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("readRevenueFile", () => {
  it("streams a CSV file and reads a JSON file to the same totals", async () => {
    const csv = await readRevenueFile(join(dir, "r.csv"), { source: "r.csv" });
    const json = await readRevenueFile(join(dir, "r.json"), { source: "r.json" });
    expect(csv.periods.map((p) => [p.period.label, p.gross, p.lines])).toEqual(json.periods.map((p) => [p.period.label, p.gross, p.lines]));
    expect(csv.periods[0]).toMatchObject({ lines: 20_000, firstLine: 2, lastLine: 59_999 });
  });
  it("names a missing file", async () => {
    await expect(readRevenueFile(join(dir, "nope.csv"), { source: "nope.csv" })).rejects.toThrowError(InvalidInputError);
    await expect(readRevenueFile(join(dir, "nope.csv"), { source: "nope.csv" })).rejects.toThrowError(/nope.csv: cannot read the revenue report: ENOENT/);
  });
});
