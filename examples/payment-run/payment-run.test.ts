/**
 * Runs examples/payment-run/run.mjs against a fresh Anvil node: statement → Safe batch → send →
 * reconcile, through the built CLI (`npm run build` first).
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, test } from "vitest";
import { runOmrl, runProcess } from "../../test/helpers/cli.js";
import { validateSafeBatch } from "../../src/index.js";
import { startAnvil, type Anvil } from "../../test/helpers/anvil.js";
import { balanceOf } from "../../test/helpers/erc20.js";

const script = fileURLToPath(new URL("./run.mjs", import.meta.url));
let anvil: Anvil;
let out: string;

beforeAll(async () => {
  anvil = await startAnvil();
  out = await mkdtemp(join(tmpdir(), "omrl-example-payment-run-"));
});
afterAll(async () => {
  await anvil?.stop();
  if (out) await rm(out, { recursive: true, force: true });
});

const runScript = (args: string[]) => runProcess(process.execPath, [script, ...args]);

test("the payment run example pays the statement and reconciles it as paid", async () => {
  const result = await runScript(["--rpc", anvil.rpcUrl, "--out", out]);
  expect(result.stderr).not.toMatch(/omrl: /);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain("batch checksum verified: 0x");
  expect(result.stdout).toMatch(/sent 3 payment\(s\), 0 already paid/);
  // The rerun had a lost ledger: the chain, not the file, says all three are paid.
  expect(result.stdout).toMatch(/sent 0 payment\(s\), 3 already paid on chain/);
  expect(result.stdout).toMatch(/nothing to pay: all 3 line\(s\) are paid on chain; no file written/);
  expect(result.stdout).toContain("| paid | reference |");
  expect(result.stdout).toContain("**3 paid, 0 underpaid, 0 overpaid, 0 unpaid, 0 pending; 0 overdue**");
  expect(result.stdout).toContain("acme/embed-small:2026-Q3 (exempt)");

  const batch = validateSafeBatch(JSON.parse(await readFile(join(out, "safe-batch.json"), "utf8")));
  expect(batch.transactions.map((t) => t.contractInputsValues?.value)).toEqual(["3500350000", "1500150000", "2000200000"]);
  const statement = JSON.parse(await readFile(fileURLToPath(new URL("./statement.json", import.meta.url)), "utf8"));
  const token = statement.obligations[0].token.address;
  expect(await balanceOf(anvil, token, "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC")).toBe(3_500_350_000n);
  expect(await balanceOf(anvil, token, "0x90F79bf6EB2c4f870365E785982E1f101E93b906")).toBe(1_500_150_000n);
  expect(await balanceOf(anvil, token, "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65")).toBe(2_000_200_000n);
  const ledger = (await readFile(join(out, "ledger.jsonl"), "utf8")).trim().split("\n").map((l) => JSON.parse(l));
  expect(ledger.filter((e) => e.status === "confirmed")).toHaveLength(3);
});

test("end to end: the statement examples/app-ci computes with omrl owed is paid and reconciled", async () => {
  const appCi = fileURLToPath(new URL("../app-ci/", import.meta.url));
  const statementPath = join(out, "app-ci-statement.json");
  const owed = await runOmrl(["owed", "--revenue", "revenue-2026-Q3.csv", "--period", "2026-Q3", "--rate", "USD/USDC=1", "--out", statementPath], { cwd: appCi });
  expect(owed.code, owed.stderr).toBe(0);
  const fresh = await startAnvil(); // the statement's token address is the first contract a fresh node deploys
  try {
    const result = await runScript(["--rpc", fresh.rpcUrl, "--out", join(out, "app-ci"), "--statement", statementPath]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/sent 4 payment\(s\), 0 already paid/);
    expect(result.stdout).toContain("**4 paid, 0 underpaid, 0 overpaid, 0 unpaid, 0 pending; 0 overdue**");
    const statement = JSON.parse(await readFile(statementPath, "utf8"));
    const token = statement.obligations[0].token.address;
    // 70% of 2714 USDC + 70% of 2035.5 USDC, and 30% of each, to the two payees of both models.
    expect(await balanceOf(fresh, token, "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC")).toBe(1_899_800_000n + 1_424_850_000n);
    expect(await balanceOf(fresh, token, "0x90F79bf6EB2c4f870365E785982E1f101E93b906")).toBe(814_200_000n + 610_650_000n);
  } finally {
    await fresh.stop();
  }
});
