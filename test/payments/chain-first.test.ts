/**
 * The chain, not a ledger file, decides what is paid: `omrl pay --send` reruns with a lost,
 * empty or foreign ledger, a run killed half-way, references that keep two statements' payments
 * apart, amount matching for transfers made by other tools, USDT-style tokens, Safe/EIP-5792 files
 * without the paid lines, and faults (wrong chain, no contract, an RPC that dies mid-run).
 * One real Anvil node for the file; the CLI runs as real processes (dist/cli.js).
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { erc20Abi, type Address, type Hex } from "viem";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { decodePaymentReference, findBlockByTime, paymentLineHash, reconcileStatement, validateSafeBatch } from "../../src/index.js";
import { startAnvil, type Anvil } from "../helpers/anvil.js";
import { CLI_PATH, runOmrl } from "../helpers/cli.js";
import { balanceOf, deployNoReturnToken, deployTestToken, mint } from "../helpers/erc20.js";
import { makeStatement } from "./fixtures.js";

let anvil: Anvil;
let token: Address;
let dir: string;
const AS_OF = "2026-11-15";

beforeAll(async () => {
  anvil = await startAnvil();
  token = (await deployTestToken(anvil, { decimals: 6 })).address;
  dir = await mkdtemp(join(tmpdir(), "omrl-chain-first-"));
});
afterAll(async () => {
  await anvil?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const acct = (i: number) => anvil.accounts[i]!;
const env = (i: number) => ({ PAYER_KEY: acct(i).privateKey });

/** Three lines from `payer` to `payees` (two obligations), written to a file. */
async function statementFile(name: string, payer: number, payees: [number, number], period = "2026-Q3", tokenAddress = token) {
  const statement = makeStatement({
    payer: acct(payer).address,
    chainId: 31337,
    token: tokenAddress,
    obligations: [
      { id: `acme/tiny-1b:${period}`, amount: 5_000_500_000n, payees: [{ account: acct(payees[0]).address, sharePpm: 700_000n }, { account: acct(payees[1]).address, sharePpm: 300_000n }] },
      { id: `acme/base-7b:${period}`, amount: 1_234_567n, payees: [{ account: acct(payees[0]).address, sharePpm: 1_000_000n }] },
    ],
  });
  statement.periods = [period];
  const path = join(dir, `${name}.json`);
  await writeFile(path, JSON.stringify({ ...statement, statementHash: (await import("../../src/index.js")).hashStatement(statement) }, null, 2));
  return { path, statement: JSON.parse(await readFile(path, "utf8")) as ReturnType<typeof makeStatement> };
}

const pay = (path: string, payer: number, ...extra: string[]) =>
  runOmrl(["pay", "--statement", path, "--send", "--rpc", anvil.rpcUrl, "--key-env", "PAYER_KEY", "--format", "json", ...extra], { env: env(payer) });
const nonce = (i: number) => anvil.publicClient.getTransactionCount({ address: acct(i).address });
const TOTAL = 5_000_500_000n + 1_234_567n;

describe("sending starts from the chain", () => {
  test("a lost, empty or foreign ledger after a full run pays nothing again", async () => {
    const { path } = await statementFile("full", 1, [2, 3]);
    await mint(anvil, token, acct(1).address, 3n * TOTAL); // enough to pay it three times over
    const first = await pay(path, 1, "--ledger", join(dir, "full-a.jsonl"));
    expect(first.stderr).toBe("");
    expect(JSON.parse(first.stdout).sent).toHaveLength(3);
    const before = await nonce(1);
    // A fresh CI runner (new ledger file), and a foreign ledger (another statement's).
    const fresh = await pay(path, 1, "--ledger", join(dir, "full-b.jsonl"));
    expect(fresh.code).toBe(0);
    expect(JSON.parse(fresh.stdout)).toMatchObject({ sent: [], alreadyPaid: [{}, {}, {}] });
    await writeFile(join(dir, "foreign.jsonl"), `${JSON.stringify({ key: "0xabc:x:0x1", statementHash: "0xabc", obligationId: "x", payee: acct(2).address, amount: "1", chainId: 31337, status: "confirmed", at: "2026-01-01T00:00:00Z" })}\n`);
    const foreign = await pay(path, 1, "--ledger", join(dir, "foreign.jsonl"));
    expect(JSON.parse(foreign.stdout).sent).toEqual([]);
    expect(await nonce(1)).toBe(before);
    const report = await runOmrl(["reconcile", "--statement", path, "--rpc", anvil.rpcUrl, "--as-of", AS_OF, "--format", "json"]);
    expect(report.code).toBe(0);
    expect(JSON.parse(report.stdout).lines.map((l: { status: string; matchedBy: string[] }) => [l.status, l.matchedBy])).toEqual([
      ["paid", ["reference"]],
      ["paid", ["reference"]],
      ["paid", ["reference"]],
    ]);
  });

  test("a run killed (SIGKILL) after its first payment: a rerun with a lost ledger sends only the rest", async () => {
    const { path, statement } = await statementFile("killed", 4, [5, 6]);
    await mint(anvil, token, acct(4).address, 2n * TOTAL);
    const child = spawn(process.execPath, [CLI_PATH, "pay", "--statement", path, "--send", "--rpc", anvil.rpcUrl, "--key-env", "PAYER_KEY", "--ledger", join(dir, "killed.jsonl")], {
      env: { ...process.env, NO_COLOR: "1", ...env(4) },
      stdio: ["ignore", "ignore", "pipe"],
    });
    await new Promise<void>((resolve) => {
      child.stderr.setEncoding("utf8").on("data", (d: string) => {
        if (d.includes("paid ")) child.kill("SIGKILL");
      });
      child.on("exit", () => resolve());
    });
    const sentBefore = await nonce(4);
    expect(sentBefore).toBeGreaterThanOrEqual(1);
    expect(sentBefore).toBeLessThan(3);
    const rerun = await pay(path, 4, "--ledger", join(dir, "killed-lost.jsonl"));
    expect(rerun.code).toBe(0);
    const summary = JSON.parse(rerun.stdout);
    expect(summary.sent.length + summary.alreadyPaid.length).toBe(3);
    expect(summary.sent).toHaveLength(3 - sentBefore);
    // Every payee got exactly its lines, once.
    expect(await balanceOf(anvil, token, acct(5).address)).toBe(3_500_350_000n + 1_234_567n);
    expect(await balanceOf(anvil, token, acct(6).address)).toBe(1_500_150_000n);
    const report = await reconcileStatement({ statement, publicClient: anvil.publicClient, now: new Date(`${AS_OF}T00:00:00Z`) });
    expect(report.lines.map((l) => l.status)).toEqual(["paid", "paid", "paid"]);
  });
});

describe("the default first block", () => {
  test("findBlockByTime returns the first block at or after a time (binary search over timestamps)", async () => {
    const head = await anvil.publicClient.getBlockNumber();
    const time = async (n: bigint) => (await anvil.publicClient.getBlock({ blockNumber: n })).timestamp;
    for (const probe of [1n, head / 2n, head]) {
      const t = await time(probe);
      const found = await findBlockByTime({ publicClient: anvil.publicClient, timestamp: t });
      expect(await time(found)).toBeGreaterThanOrEqual(t);
      if (found > 0n) expect(await time(found - 1n)).toBeLessThan(t);
    }
    expect(await findBlockByTime({ publicClient: anvil.publicClient, timestamp: 0n })).toBe(0n);
    expect(await findBlockByTime({ publicClient: anvil.publicClient, timestamp: (await time(head)) + 1n, head })).toBe(head + 1n);
  });
});

describe("reconcile attributes exactly", () => {
  test("Q3 and Q4 to the same payees with the same amounts: each counts only its own transfers, from block 0", async () => {
    const q3 = await statementFile("q3", 7, [8, 9], "2026-Q3");
    const q4 = await statementFile("q4", 7, [8, 9], "2026-Q4");
    await mint(anvil, token, acct(7).address, TOTAL);
    expect((await pay(q3.path, 7)).code).toBe(0);
    const reconcile = (path: string) => runOmrl(["reconcile", "--statement", path, "--rpc", anvil.rpcUrl, "--from-block", "0", "--as-of", "2027-03-01", "--format", "json"]);
    const third = JSON.parse((await reconcile(q3.path)).stdout);
    const fourth = JSON.parse((await reconcile(q4.path)).stdout);
    expect(third.lines.map((l: { status: string }) => l.status)).toEqual(["paid", "paid", "paid"]);
    expect(fourth.lines.map((l: { status: string }) => l.status)).toEqual(["unpaid", "unpaid", "unpaid"]);
    expect(fourth.otherStatements).toHaveLength(3);
    // And Q4 is then paid in full, not skipped as "already paid" by Q3's transfers.
    await mint(anvil, token, acct(7).address, TOTAL);
    expect(JSON.parse((await pay(q4.path, 7)).stdout).sent).toHaveLength(3);
    expect(JSON.parse((await reconcile(q4.path)).stdout).counts).toMatchObject({ paid: 3, overpaid: 0 });
    expect(JSON.parse((await reconcile(q3.path)).stdout).counts).toMatchObject({ paid: 3, overpaid: 0 });
  });

  test("a hand-made plain transfer is matched by amount and labelled so", async () => {
    const { statement } = await statementFile("plain", 1, [9, 8], "2026-Q2");
    const payer = anvil.walletClient(1);
    const hash = await payer.writeContract({ address: token, abi: erc20Abi, functionName: "transfer", args: [acct(9).address, 3_500_350_000n] });
    await anvil.publicClient.waitForTransactionReceipt({ hash });
    const fromBlock = (await anvil.publicClient.getTransactionReceipt({ hash })).blockNumber;
    const report = await reconcileStatement({ statement, publicClient: anvil.publicClient, fromBlock, now: new Date("2026-07-15T00:00:00Z") });
    expect(report.lines[0]).toMatchObject({ status: "paid", matchedBy: ["amount"] });
    expect(report.lines[0]!.payments).toEqual([expect.objectContaining({ via: "transfer", match: "amount", transactionHash: hash })]);
    expect(report.lines.slice(1).map((l) => l.status)).toEqual(["unpaid", "unpaid"]);
  });
});

describe("tokens", () => {
  test("a USDT-style token (no return values) is paid with the reference; a token refusing the suffix needs --no-reference", async () => {
    const usdt = (await deployNoReturnToken(anvil)).address;
    const { path, statement } = await statementFile("usdt", 2, [3, 5], "2026-Q3", usdt);
    await mint(anvil, usdt, acct(2).address, TOTAL);
    const sent = await pay(path, 2);
    expect(sent.stderr).toBe("");
    expect(JSON.parse(sent.stdout).sent).toHaveLength(3);
    const report = await reconcileStatement({ statement, publicClient: anvil.publicClient, fromBlock: 0n });
    expect(report.lines.map((l) => [l.status, l.matchedBy])).toEqual([["paid", ["reference"]], ["paid", ["reference"]], ["paid", ["reference"]]]);

    const strict = (await deployNoReturnToken(anvil, { strictCalldata: true })).address;
    const strictStatement = await statementFile("strict", 2, [3, 5], "2026-Q3", strict);
    await mint(anvil, strict, acct(2).address, TOTAL);
    const before = await nonce(2);
    const refused = await pay(strictStatement.path, 2);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/rejects transfers with the OMRL payment reference appended[\s\S]*--no-reference/);
    expect(await nonce(2)).toBe(before);
    const plain = await runOmrl(["pay", "--statement", strictStatement.path, "--send", "--rpc", anvil.rpcUrl, "--key-env", "PAYER_KEY", "--no-reference"], { env: env(2) });
    expect(plain.code).toBe(0);
    expect(plain.stderr).toContain("reconcile will match them by amount only");
    const byAmount = await reconcileStatement({ statement: strictStatement.statement, publicClient: anvil.publicClient, fromBlock: 0n });
    expect(byAmount.lines.map((l) => [l.status, l.matchedBy])).toEqual([["paid", ["amount"]], ["paid", ["amount"]], ["paid", ["amount"]]]);
  });
});

describe("Safe batch and EIP-5792 files", () => {
  test("with --rpc they leave out the lines the chain shows paid, and their calldata carries the reference", async () => {
    const { path, statement } = await statementFile("safe", 3, [6, 9], "2026-Q1");
    await mint(anvil, token, acct(3).address, 5_000_500_000n);
    // Pay the first obligation's two lines by hand with the planned calldata (as a Safe would).
    const offline = join(dir, "safe-all.json");
    expect((await runOmrl(["pay", "--statement", path, "--safe-batch", offline, "--created-at", "1"])).code).toBe(0);
    const all = validateSafeBatch(JSON.parse(await readFile(offline, "utf8")));
    expect(all.transactions).toHaveLength(3);
    for (const tx of all.transactions.slice(0, 2)) {
      const hash = await anvil.walletClient(3).sendTransaction({ to: tx.to, data: tx.data as Hex });
      await anvil.publicClient.waitForTransactionReceipt({ hash });
    }
    const out = join(dir, "safe-rest.json");
    const rest = await runOmrl(["pay", "--statement", path, "--safe-batch", out, "--rpc", anvil.rpcUrl, "--created-at", "1"]);
    expect(rest.code).toBe(0);
    expect(rest.stderr).toContain("2 line(s) already paid on chain, left out");
    const batch = validateSafeBatch(JSON.parse(await readFile(out, "utf8")));
    expect(batch.transactions.map((t) => t.contractInputsValues)).toEqual([{ to: acct(6).address, value: "1234567" }]);
    expect(decodePaymentReference(batch.transactions[0]!.data!)).toEqual({
      statementHash: statement.statementHash,
      lineHash: paymentLineHash(statement.obligations[1]!.id, acct(6).address),
    });
    const calls = join(dir, "calls-rest.json");
    expect((await runOmrl(["pay", "--statement", path, "--calls", calls, "--rpc", anvil.rpcUrl])).code).toBe(0);
    const request = JSON.parse(await readFile(calls, "utf8"));
    expect(request.params[0].calls.map((c: { data: Hex }) => c.data)).toEqual([batch.transactions[0]!.data]);
  });
});

describe("faults: exit 2, nothing sent", () => {
  test("a token that is not a contract, and an RPC on another chain", async () => {
    const { path } = await statementFile("no-contract", 5, [6, 7], "2026-Q3", "0x000000000000000000000000000000000000dEaD");
    const before = await nonce(5);
    const noContract = await pay(path, 5);
    expect(noContract.code).toBe(2);
    expect(noContract.stderr).toMatch(/the token 0x000000000000000000000000000000000000dEaD is not a contract on chain 31337/);
    const other = makeStatement({ payer: acct(5).address, chainId: 8453, token, obligations: [{ id: "m:2026-Q3", amount: 5n, payees: [{ account: acct(6).address, sharePpm: 1_000_000n }] }] });
    const otherPath = join(dir, "other-chain.json");
    await writeFile(otherPath, JSON.stringify(other));
    const wrongChain = await pay(otherPath, 5);
    expect(wrongChain.code).toBe(2);
    expect(wrongChain.stderr).toMatch(/pays on chain 8453 but the RPC is chain 31337/);
    expect(await nonce(5)).toBe(before);
  });

  test("an RPC that fails mid-run: what was sent is on chain and in the ledger; a rerun completes it once", async () => {
    const { path } = await statementFile("flaky", 6, [8, 7], "2026-Q3");
    await mint(anvil, token, acct(6).address, TOTAL);
    // A real JSON-RPC proxy that dies when the second transaction is sent.
    let sends = 0;
    const server: Server = createServer(async (req, res) => {
      let body = "";
      for await (const chunk of req) body += chunk;
      if (body.includes("eth_sendRawTransaction")) sends += 1;
      if (sends >= 2) {
        res.statusCode = 502;
        res.end("bad gateway");
        return;
      }
      const upstream = await fetch(anvil.rpcUrl, { method: "POST", headers: { "content-type": "application/json" }, body });
      res.setHeader("content-type", "application/json");
      res.end(await upstream.text());
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const ledger = join(dir, "flaky.jsonl");
    try {
      const proxy = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      const failed = await runOmrl(["pay", "--statement", path, "--send", "--rpc", proxy, "--key-env", "PAYER_KEY", "--ledger", ledger], { env: env(6) });
      expect(failed.code).toBe(2);
      expect(failed.stderr).toMatch(/^omrl: the payment run stopped after 1 payment\(s\), 2 left: HTTP request failed/m);
      expect(failed.stderr).toContain("Run the same command again");
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    expect(await nonce(6)).toBe(1);
    expect((await readFile(ledger, "utf8")).trim().split("\n").map((l) => JSON.parse(l).status)).toEqual(["pending", "confirmed"]);
    const rerun = await pay(path, 6, "--ledger", ledger);
    expect(rerun.code).toBe(0);
    expect(JSON.parse(rerun.stdout)).toMatchObject({ sent: [{}, {}], alreadyPaid: [{}] });
    expect(await balanceOf(anvil, token, acct(8).address)).toBeGreaterThanOrEqual(3_500_350_000n + 1_234_567n);
    expect(await nonce(6)).toBe(3);
  });
});
