/**
 * `omrl pay` and `omrl reconcile` as real processes (the built dist/cli.js; `npm run build`
 * first) against a real Anvil node.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Address } from "viem";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { deployRouter, hashTerms, registerTerms, signTerms, validateSafeBatch } from "../../src/index.js";
import { exampleTerms } from "../fixtures/terms.js";
import { startAnvil, type Anvil } from "../helpers/anvil.js";
import { runOmrl } from "../helpers/cli.js";
import { balanceOf, deployTestToken, mint } from "../helpers/erc20.js";
import { makeStatement } from "./fixtures.js";

let anvil: Anvil;
let token: Address;
let dir: string;
let statementPath: string;
let fromBlock: bigint;

beforeAll(async () => {
  anvil = await startAnvil();
  token = (await deployTestToken(anvil, { decimals: 6 })).address;
  dir = await mkdtemp(join(tmpdir(), "omrl-pay-cli-"));
  const statement = makeStatement({
    payer: anvil.accounts[1]!.address,
    chainId: 31337,
    token,
    obligations: [
      { id: "acme/tiny-1b:2026-Q3", amount: 5_000_500_000n, payees: [{ account: anvil.accounts[2]!.address, sharePpm: 700_000n }, { account: anvil.accounts[3]!.address, sharePpm: 300_000n }] },
    ],
  });
  statementPath = join(dir, "s.json");
  await writeFile(statementPath, JSON.stringify(statement, null, 2));
  fromBlock = await anvil.publicClient.getBlockNumber();
});
afterAll(async () => {
  await anvil?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("omrl pay / omrl reconcile", () => {
  test("--safe-batch writes a batch the Safe checksum validates; --calls writes an EIP-5792 request", async () => {
    const out = join(dir, "batch.json");
    const result = await runOmrl(["pay", "--statement", statementPath, "--safe-batch", out, "--created-at", "1790000000000"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/wrote .*batch\.json: 2 transactions/);
    expect(result.stderr).toBe("");
    const batch = validateSafeBatch(JSON.parse(await readFile(out, "utf8")));
    expect(batch.chainId).toBe("31337");
    expect(batch.createdAt).toBe(1790000000000);
    expect(batch.meta.createdFromSafeAddress).toBe(anvil.accounts[1]!.address);
    expect(batch.transactions.map((t) => t.contractInputsValues?.value)).toEqual(["3500350000", "1500150000"]);

    const calls = join(dir, "calls.json");
    expect((await runOmrl(["pay", "--statement", statementPath, "--calls", calls])).code).toBe(0);
    const request = JSON.parse(await readFile(calls, "utf8"));
    expect(request.method).toBe("wallet_sendCalls");
    expect(request.params[0]).toMatchObject({ version: "2.0.0", chainId: "0x7a69", atomicRequired: true });
    expect(request.params[0].calls).toHaveLength(2);
  });

  test("reconcile exits 1 while unpaid past due; --send pays; reconcile then exits 0; a second --send pays nothing", async () => {
    const unpaid = await runOmrl(["reconcile", "--statement", statementPath, "--rpc", anvil.rpcUrl, "--from-block", String(fromBlock), "--as-of", "2026-11-15"]);
    expect(unpaid.code).toBe(1);
    expect(unpaid.stdout).toMatch(/unpaid .*OVERDUE/);

    await mint(anvil, token, anvil.accounts[1]!.address, 6_000_000_000n);
    const env = { OMRL_TEST_PAYER_KEY: anvil.accounts[1]!.privateKey };
    const sent = await runOmrl(["pay", "--statement", statementPath, "--send", "--rpc", anvil.rpcUrl, "--key-env", "OMRL_TEST_PAYER_KEY", "--format", "json"], { env });
    expect(sent.stderr).toBe("");
    expect(sent.code).toBe(0);
    const summary = JSON.parse(sent.stdout);
    expect(summary.sent.map((s: { amount: string }) => s.amount)).toEqual(["3500350000", "1500150000"]);
    expect(summary.ledger).toBe(`${statementPath}.ledger.jsonl`);
    expect(await balanceOf(anvil, token, anvil.accounts[2]!.address)).toBe(3_500_350_000n);
    expect(await balanceOf(anvil, token, anvil.accounts[3]!.address)).toBe(1_500_150_000n);

    const paid = await runOmrl(["reconcile", "--statement", statementPath, "--rpc", anvil.rpcUrl, "--from-block", String(fromBlock), "--as-of", "2026-11-15", "--format", "json"]);
    expect(paid.code).toBe(0);
    const report = JSON.parse(paid.stdout);
    expect(report.lines.map((l: { status: string; paid: string }) => [l.status, l.paid])).toEqual([["paid", "3500350000"], ["paid", "1500150000"]]);

    const markdown = await runOmrl(["reconcile", "--statement", statementPath, "--rpc", anvil.rpcUrl, "--from-block", String(fromBlock), "--format", "markdown"]);
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toContain("| acme/tiny-1b:2026-Q3 |");
    expect(markdown.stdout).toContain("3500.35 tUSD");

    const again = await runOmrl(["pay", "--statement", statementPath, "--send", "--rpc", anvil.rpcUrl, "--key-env", "OMRL_TEST_PAYER_KEY"], { env });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/sent 0 payment\(s\), 2 already paid/);
  });

  test("--send --router checks the registration against the signed terms, approves and pays; reconcile sees the router's events", async () => {
    const licensor = { walletClient: anvil.walletClient(0), publicClient: anvil.publicClient };
    const router = (await deployRouter(licensor)).address;
    const payees = [{ account: anvil.accounts[6]!.address, sharePpm: 250_000n }, { account: anvil.accounts[7]!.address, sharePpm: 750_000n }];
    // The licensor's signed omrl.json names these payees and the token; its hash is what the statement pays.
    const base = exampleTerms();
    const terms = await signTerms({
      account: anvil.accounts[0]!.account as never,
      signedAt: "2026-07-01T00:00:00Z",
      terms: {
        ...base,
        licensor: { name: "Licensor", account: `eip155:31337:${anvil.accounts[0]!.address}` },
        payment: {
          ...base.payment,
          chain: "eip155:31337",
          token: { id: `eip155:31337/erc20:${token}`, symbol: "tUSD", decimals: 6 },
          payees: [
            { account: payees[0]!.account, share: "25%", name: "Author", role: "author" },
            { account: payees[1]!.account, share: "75%", name: "Funders", role: "funders" },
          ],
        },
      },
    });
    const termsPath = join(dir, "omrl.json");
    await writeFile(termsPath, JSON.stringify(terms, null, 2));
    const termsHash = hashTerms(terms);
    const statement = makeStatement({
      payer: anvil.accounts[8]!.address,
      chainId: 31337,
      token,
      obligations: [{ id: "acme/base-7b:2026-Q3", amount: 999_999n, payees, termsHash, router }],
    });
    const path = join(dir, "routed.json");
    await writeFile(path, JSON.stringify(statement));
    await mint(anvil, token, anvil.accounts[8]!.address, 999_999n);
    const env = { PAYER_KEY: anvil.accounts[8]!.privateKey };
    const args = ["pay", "--statement", path, "--send", "--router", "--rpc", anvil.rpcUrl, "--key-env", "PAYER_KEY", "--format", "json"];

    // Without the signed terms the router is not used at all.
    const noTerms = await runOmrl(args, { env });
    expect(noTerms.code).toBe(2);
    expect(noTerms.stderr).toMatch(/--router needs the signed terms/);
    // Not registered yet by the licensor: refused before anything is sent, naming the difference.
    const unregistered = await runOmrl([...args, "--terms", termsPath], { env });
    expect(unregistered.code).toBe(2);
    expect(unregistered.stderr).toContain(`licensor ${anvil.accounts[0]!.address} has not registered these terms`);
    expect(await anvil.publicClient.getTransactionCount({ address: anvil.accounts[8]!.address })).toBe(0);

    await registerTerms({ ...licensor, router, termsHash, token, payees });
    const start = await anvil.publicClient.getBlockNumber();
    const sent = await runOmrl([...args, "--terms", termsPath], { env });
    expect(sent.stderr).toBe("");
    expect(sent.code).toBe(0);
    const summary = JSON.parse(sent.stdout);
    expect(summary.approvals).toHaveLength(1);
    expect(summary.sent).toHaveLength(1);
    expect(await balanceOf(anvil, token, anvil.accounts[6]!.address)).toBe(249_999n);
    expect(await balanceOf(anvil, token, anvil.accounts[7]!.address)).toBe(750_000n);
    const report = await runOmrl(["reconcile", "--statement", path, "--rpc", anvil.rpcUrl, "--from-block", String(start), "--as-of", "2026-11-15", "--format", "json"]);
    expect(report.code).toBe(0);
    expect(JSON.parse(report.stdout).lines.map((l: { status: string; payments: { via: string }[] }) => [l.status, l.payments[0]?.via])).toEqual([
      ["paid", "router"],
      ["paid", "router"],
    ]);
  });

  test("input errors exit 2 with a one-line reason; a key is never accepted as a flag value", async () => {
    const key = anvil.accounts[1]!.privateKey;
    const asFlag = await runOmrl(["pay", "--statement", statementPath, "--send", "--rpc", anvil.rpcUrl, "--key-env", key]);
    expect(asFlag.code).toBe(2);
    expect(asFlag.stderr).toMatch(/takes the NAME of an environment variable/);
    expect(asFlag.stderr).not.toContain(key.slice(2));

    const unset = await runOmrl(["pay", "--statement", statementPath, "--send", "--rpc", anvil.rpcUrl, "--key-env", "OMRL_UNSET_VAR"], { env: { OMRL_UNSET_VAR: undefined } });
    expect(unset.code).toBe(2);
    expect(unset.stderr).toBe("omrl: environment variable OMRL_UNSET_VAR is not set\n");

    const noMode = await runOmrl(["pay", "--statement", statementPath]);
    expect(noMode.code).toBe(2);
    expect(noMode.stderr).toMatch(/choose exactly one of/);

    const tampered = join(dir, "tampered.json");
    const statement = JSON.parse(await readFile(statementPath, "utf8"));
    statement.obligations[0].payees[0].amount = "3500350001";
    await writeFile(tampered, JSON.stringify(statement));
    const bad = await runOmrl(["pay", "--statement", tampered, "--safe-batch", join(dir, "x.json")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);

    const poor = makeStatement({
      payer: anvil.accounts[5]!.address,
      chainId: 31337,
      token,
      obligations: [{ id: "m:2026-Q3", amount: 1n, payees: [{ account: anvil.accounts[2]!.address, sharePpm: 1_000_000n }] }],
    });
    const poorPath = join(dir, "poor.json");
    await writeFile(poorPath, JSON.stringify(poor));
    const insufficient = await runOmrl(["pay", "--statement", poorPath, "--send", "--rpc", anvil.rpcUrl, "--key-env", "K"], { env: { K: anvil.accounts[5]!.privateKey } });
    expect(insufficient.code).toBe(2);
    expect(insufficient.stderr).toMatch(/^omrl: insufficient balance: 0x[0-9a-fA-F]{40} holds 0 base units of tUSD \(0x[0-9a-fA-F]{40}\), the unpaid lines need 1\n$/);
  });
});
