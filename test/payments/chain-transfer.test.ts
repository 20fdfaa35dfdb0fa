/**
 * Paying and reconciling by direct ERC-20 transfers on a real Anvil node, with a test ERC-20
 * (OpenZeppelin, 6 decimals) deployed for this file.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPublicClient, erc20Abi, http, type Address } from "viem";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  createMemoryLedger,
  InsufficientBalanceError,
  paymentLineKey,
  planPayments,
  PaymentSetupError,
  reconcileStatement,
  sendPayments,
} from "../../src/index.js";
import { openFileLedger } from "../../src/node.js";
import { startAnvil, type Anvil } from "../helpers/anvil.js";
import { balanceOf, deployTestToken, mint } from "../helpers/erc20.js";
import { makeStatement } from "./fixtures.js";

let anvil: Anvil;
let token: Address;
let dir: string;

beforeAll(async () => {
  anvil = await startAnvil();
  token = (await deployTestToken(anvil, { decimals: 6 })).address;
  dir = await mkdtemp(join(tmpdir(), "omrl-pay-"));
});
afterAll(async () => {
  await anvil?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const acct = (i: number) => anvil.accounts[i]!;
const AFTER_DUE = new Date("2026-11-15T00:00:00Z");
const BEFORE_DUE = new Date("2026-10-15T00:00:00Z");

/** A statement paid by account `payer` to accounts `payees` (two obligations, the first payee in both). */
function statementFor(payer: number, payees: [number, number, number], tag: string) {
  return makeStatement({
    payer: acct(payer).address,
    chainId: 31337,
    token,
    obligations: [
      { id: `acme/tiny-1b:${tag}`, amount: 5_000_500_000n, payees: [{ account: acct(payees[0]).address, sharePpm: 700_000n }, { account: acct(payees[1]).address, sharePpm: 300_000n }] },
      { id: `acme/base-7b:${tag}`, amount: 1_234_567n, payees: [{ account: acct(payees[0]).address, sharePpm: 500_000n }, { account: acct(payees[2]).address, sharePpm: 500_000n }] },
      { id: `acme/free:${tag}`, amount: 0n, payees: [{ account: acct(payees[2]).address, sharePpm: 1_000_000n }], exempt: true },
    ],
  });
}

async function balances(addresses: Address[]) {
  return Promise.all(addresses.map((a) => balanceOf(anvil, token, a)));
}

describe("direct transfers", () => {
  test("pays every line exactly; reconcile says paid; a second run sends nothing", async () => {
    const payer = acct(1);
    const fromBlock = await anvil.publicClient.getBlockNumber();
    await mint(anvil, token, payer.address, 10_000_000_000n);
    const statement = statementFor(1, [2, 3, 4], "run-1");
    const plan = planPayments(statement);
    const ledger = createMemoryLedger();
    const before = await balances([acct(2).address, acct(3).address, acct(4).address]);

    const first = await sendPayments({ plan, walletClient: anvil.walletClient(1), publicClient: anvil.publicClient, ledger });
    expect(first.sent).toHaveLength(4);
    expect(first.alreadyPaid).toHaveLength(0);
    const after = await balances([acct(2).address, acct(3).address, acct(4).address]);
    expect(after[0]! - before[0]!).toBe(3_500_350_000n + 617_283n);
    expect(after[1]! - before[1]!).toBe(1_500_150_000n);
    expect(after[2]! - before[2]!).toBe(617_284n);
    expect([...(await ledger.load()).values()].map((e) => e.status)).toEqual(["confirmed", "confirmed", "confirmed", "confirmed"]);

    const report = await reconcileStatement({ statement, publicClient: anvil.publicClient, fromBlock, now: AFTER_DUE });
    expect(report.lines.map((l) => [l.obligationId, l.payee, l.status, l.paid])).toEqual([
      ["acme/tiny-1b:run-1", acct(2).address, "paid", 3_500_350_000n],
      ["acme/tiny-1b:run-1", acct(3).address, "paid", 1_500_150_000n],
      ["acme/base-7b:run-1", acct(2).address, "paid", 617_283n],
      ["acme/base-7b:run-1", acct(4).address, "paid", 617_284n],
    ]);
    // The same payee in two obligations: each transfer went to the line of exactly its amount.
    expect(report.lines[0]!.payments.map((p) => p.transactionHash)).toEqual([first.sent[0]!.transactionHash]);
    expect(report.lines[2]!.payments.map((p) => p.transactionHash)).toEqual([first.sent[2]!.transactionHash]);
    expect(report.skipped).toEqual([{ obligationId: "acme/free:run-1", reason: "exempt" }]);
    expect(report.ok).toBe(true);

    const nonce = await anvil.publicClient.getTransactionCount({ address: payer.address });
    const second = await sendPayments({ plan, walletClient: anvil.walletClient(1), publicClient: anvil.publicClient, ledger });
    expect(second.sent).toHaveLength(0);
    expect(second.alreadyPaid).toHaveLength(4);
    expect(await anvil.publicClient.getTransactionCount({ address: payer.address })).toBe(nonce);
    expect(await balances([acct(2).address, acct(3).address, acct(4).address])).toEqual(after);
  });

  test("insufficient balance is a typed error before anything is sent", async () => {
    const payer = acct(5);
    await mint(anvil, token, payer.address, 5_000_000_000n); // short of 5_001_734_567
    const plan = planPayments(statementFor(5, [6, 7, 8], "poor"));
    const ledger = createMemoryLedger();
    const nonce = await anvil.publicClient.getTransactionCount({ address: payer.address });
    const error = await sendPayments({ plan, walletClient: anvil.walletClient(5), publicClient: anvil.publicClient, ledger }).catch((e) => e);
    expect(error).toBeInstanceOf(InsufficientBalanceError);
    expect((error as InsufficientBalanceError).required).toBe(5_001_734_567n);
    expect((error as InsufficientBalanceError).balance).toBe(5_000_000_000n);
    expect(await anvil.publicClient.getTransactionCount({ address: payer.address })).toBe(nonce);
    expect(ledger.entries).toHaveLength(0);
  });

  test("a signer that is not the statement's payer is refused", async () => {
    const plan = planPayments(statementFor(5, [6, 7, 8], "other-signer"));
    await expect(
      sendPayments({ plan, walletClient: anvil.walletClient(9), publicClient: anvil.publicClient, ledger: createMemoryLedger() }),
    ).rejects.toThrow(PaymentSetupError);
  });

  test("a statement for another chain is refused by send and by reconcile", async () => {
    const base = makeStatement({
      payer: acct(1).address,
      chainId: 8453,
      token,
      obligations: [{ id: "m:2026-Q3", amount: 5n, payees: [{ account: acct(2).address, sharePpm: 1_000_000n }] }],
    });
    await expect(
      sendPayments({ plan: planPayments(base), walletClient: anvil.walletClient(1), publicClient: anvil.publicClient, ledger: createMemoryLedger() }),
    ).rejects.toThrow(/the plan pays on chain 8453 but the RPC is chain 31337/);
    await expect(reconcileStatement({ statement: base, publicClient: anvil.publicClient })).rejects.toThrow(/nothing in this statement is paid on chain 31337/);
  });

  test("a run that fails half-way resumes with what is still unpaid, paying each line once (file ledger)", async () => {
    const payer = acct(1);
    await mint(anvil, token, payer.address, 10_000_000_000n);
    const fromBlock = await anvil.publicClient.getBlockNumber();
    const statement = statementFor(1, [6, 7, 8], "resume");
    const plan = planPayments(statement);
    const path = join(dir, "resume.ledger.jsonl");
    const before = await balances([acct(6).address, acct(7).address, acct(8).address]);

    let confirmed = 0;
    const crash = sendPayments({
      plan,
      walletClient: anvil.walletClient(1),
      publicClient: anvil.publicClient,
      ledger: await openFileLedger(path),
      onLine: () => {
        confirmed += 1;
        if (confirmed === 2) throw new Error("simulated crash after the second payment");
      },
    });
    await expect(crash).rejects.toThrow(/simulated crash/);

    const halfway = await reconcileStatement({ statement, publicClient: anvil.publicClient, fromBlock, now: AFTER_DUE });
    expect(halfway.lines.map((l) => l.status)).toEqual(["paid", "paid", "unpaid", "unpaid"]);
    expect(halfway.counts.overdue).toBe(2);
    expect(halfway.ok).toBe(false);

    const resumed = await sendPayments({ plan, walletClient: anvil.walletClient(1), publicClient: anvil.publicClient, ledger: await openFileLedger(path) });
    expect(resumed.alreadyPaid.map((p) => p.line.key)).toEqual(plan.batches[0]!.lines.slice(0, 2).map((l) => l.key));
    expect(resumed.sent.map((p) => p.line.key)).toEqual(plan.batches[0]!.lines.slice(2).map((l) => l.key));
    const after = await balances([acct(6).address, acct(7).address, acct(8).address]);
    expect(after.map((b, i) => b - before[i]!)).toEqual([3_500_350_000n + 617_283n, 1_500_150_000n, 617_284n]);
    const final = await reconcileStatement({ statement, publicClient: anvil.publicClient, fromBlock, now: AFTER_DUE });
    expect(final.lines.every((l) => l.status === "paid")).toBe(true);
  });

  test("a line left pending by a crash right after sending is checked by receipt, not sent again", async () => {
    const payer = acct(1);
    await mint(anvil, token, payer.address, 10_000_000_000n);
    const statement = statementFor(1, [2, 3, 4], "pending-crash");
    const plan = planPayments(statement);
    const [line] = plan.batches[0]!.lines;
    // The crashed run: sent the first transfer and wrote `pending`, then died.
    const hash = await anvil.walletClient(1).sendTransaction({ to: line!.to, data: line!.data, value: 0n });
    const ledger = createMemoryLedger([
      { key: line!.key, statementHash: plan.statementHash, obligationId: line!.obligationId!, payee: line!.payee, amount: line!.amount.toString(), chainId: 31337, status: "pending", transactionHash: hash, at: new Date().toISOString() },
    ]);
    const before = await balanceOf(anvil, token, acct(2).address);
    const result = await sendPayments({ plan, walletClient: anvil.walletClient(1), publicClient: anvil.publicClient, ledger });
    expect(result.alreadyPaid.map((p) => p.transactionHash)).toEqual([hash]);
    expect(result.sent).toHaveLength(3);
    expect((await ledger.load()).get(paymentLineKey(plan.statementHash, line!.obligationId!, line!.payee))?.status).toBe("confirmed");
    // acct(2) got the first line once (from the crashed run) plus its base-7b part.
    expect((await balanceOf(anvil, token, acct(2).address)) - before).toBe(617_283n);
  });
});

describe("reconciliation", () => {
  test("underpaid and overpaid lines; overdue only after the due date", async () => {
    const payer = acct(1);
    await mint(anvil, token, payer.address, 10_000_000_000n);
    const fromBlock = await anvil.publicClient.getBlockNumber();
    const statement = statementFor(1, [2, 3, 4], "short");
    const wallet = anvil.walletClient(1);
    const transfer = async (to: Address, amount: bigint) =>
      anvil.publicClient.waitForTransactionReceipt({ hash: await wallet.writeContract({ address: token, abi: erc20Abi, functionName: "transfer", args: [to, amount] }) });
    await transfer(acct(2).address, 3_500_000_000n); // short of 3_500_350_000
    await transfer(acct(3).address, 1_500_150_001n); // one unit over
    await transfer(acct(4).address, 617_284n);

    const report = await reconcileStatement({ statement, publicClient: anvil.publicClient, fromBlock, now: AFTER_DUE });
    expect(report.lines.map((l) => [l.obligationId.split(":")[0], l.status, l.paid, l.overdue])).toEqual([
      ["acme/tiny-1b", "underpaid", 3_500_000_000n, true],
      ["acme/tiny-1b", "overpaid", 1_500_150_001n, false],
      ["acme/base-7b", "unpaid", 0n, true],
      ["acme/base-7b", "paid", 617_284n, false],
    ]);
    expect(report.counts).toEqual({ paid: 1, underpaid: 1, overpaid: 1, unpaid: 1, pending: 0, overdue: 2 });
    expect(report.ok).toBe(false);
    const early = await reconcileStatement({ statement, publicClient: anvil.publicClient, fromBlock, now: BEFORE_DUE });
    expect(early.counts.overdue).toBe(0);
    expect(early.ok).toBe(true);
  });

  test("payments are pending until they have the wanted confirmations", async () => {
    const payer = acct(1);
    await mint(anvil, token, payer.address, 10_000_000_000n);
    const fromBlock = await anvil.publicClient.getBlockNumber();
    const statement = statementFor(1, [6, 7, 8], "confirm");
    await sendPayments({ plan: planPayments(statement), walletClient: anvil.walletClient(1), publicClient: anvil.publicClient, ledger: createMemoryLedger() });
    const fresh = await reconcileStatement({ statement, publicClient: anvil.publicClient, fromBlock, confirmations: 3, now: AFTER_DUE });
    // The last transfer is in the head block (1 confirmation), the one before it has 2.
    expect(fresh.lines.map((l) => l.status)).toEqual(["paid", "paid", "pending", "pending"]);
    expect(fresh.lines[3]!.pending).toBe(617_284n);
    expect(fresh.counts.overdue).toBe(0);
    await anvil.testClient.mine({ blocks: 2 });
    const later = await reconcileStatement({ statement, publicClient: anvil.publicClient, fromBlock, confirmations: 3, now: AFTER_DUE });
    expect(later.lines.map((l) => l.status)).toEqual(["paid", "paid", "paid", "paid"]);
  });

  test("after a reorg, payments that vanished are no longer paid", async () => {
    const payer = acct(1);
    await mint(anvil, token, payer.address, 10_000_000_000n);
    await anvil.testClient.mine({ blocks: 3 });
    const fromBlock = await anvil.publicClient.getBlockNumber();
    const statement = statementFor(1, [6, 7, 8], "reorg");
    const ledger = createMemoryLedger();
    const result = await sendPayments({ plan: planPayments(statement), walletClient: anvil.walletClient(1), publicClient: anvil.publicClient, ledger });
    const paid = await reconcileStatement({ statement, publicClient: anvil.publicClient, fromBlock, now: AFTER_DUE });
    expect(paid.lines.every((l) => l.status === "paid")).toBe(true);

    // Replace the blocks holding the last two payments with empty ones.
    const head = await anvil.publicClient.getBlockNumber();
    const depth = Number(head - result.sent[2]!.blockNumber + 1n);
    await anvil.testClient.request({ method: "anvil_reorg", params: [depth, []] } as never);
    const receipt = await anvil.publicClient.getTransactionReceipt({ hash: result.sent[3]!.transactionHash }).catch(() => null);
    expect(receipt).toBeNull();

    const after = await reconcileStatement({ statement, publicClient: anvil.publicClient, fromBlock, now: AFTER_DUE });
    expect(after.lines.map((l) => l.status)).toEqual(["paid", "paid", "unpaid", "unpaid"]);
    expect(after.ok).toBe(false);

    // The ledger said "confirmed", but a rerun checks receipts and pays the vanished lines again.
    const rerun = await sendPayments({ plan: planPayments(statement), walletClient: anvil.walletClient(1), publicClient: anvil.publicClient, ledger });
    expect(rerun.alreadyPaid.map((p) => p.transactionHash)).toEqual(result.sent.slice(0, 2).map((s) => s.transactionHash));
    expect(rerun.sent.map((s) => s.line.key)).toEqual(result.sent.slice(2).map((s) => s.line.key));
    const repaid = await reconcileStatement({ statement, publicClient: anvil.publicClient, fromBlock, now: AFTER_DUE });
    expect(repaid.lines.map((l) => l.status)).toEqual(["paid", "paid", "paid", "paid"]);
  });

  test("reads logs in chunks and halves them when the RPC says the range is too large", async () => {
    const payer = acct(1);
    await mint(anvil, token, payer.address, 10_000_000_000n);
    const statement = statementFor(1, [6, 7, 8], "chunks");
    const fromBlock = await anvil.publicClient.getBlockNumber();
    await anvil.testClient.mine({ blocks: 20 });
    await sendPayments({ plan: planPayments(statement), walletClient: anvil.walletClient(1), publicClient: anvil.publicClient, ledger: createMemoryLedger() });

    // A real JSON-RPC proxy in front of Anvil that refuses eth_getLogs over more than 8 blocks,
    // with the error text of a hosted provider.
    const ranges: [number, number, boolean][] = [];
    const server: Server = createServer(async (req, res) => {
      let body = "";
      for await (const chunk of req) body += chunk;
      const request = JSON.parse(body) as { id: number; method: string; params: { fromBlock: string; toBlock: string }[] };
      if (request.method === "eth_getLogs") {
        const from = Number(request.params[0]!.fromBlock);
        const to = Number(request.params[0]!.toBlock);
        const tooWide = to - from + 1 > 8;
        ranges.push([from, to, !tooWide]);
        if (tooWide) {
          res.setHeader("content-type", "application/json");
          res.end(JSON.stringify({ jsonrpc: "2.0", id: request.id, error: { code: -32600, message: "eth_getLogs block range is too large, max 8 blocks" } }));
          return;
        }
      }
      const upstream = await fetch(anvil.rpcUrl, { method: "POST", headers: { "content-type": "application/json" }, body });
      res.setHeader("content-type", "application/json");
      res.end(await upstream.text());
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const port = (server.address() as { port: number }).port;
      const proxied = createPublicClient({ chain: anvil.chain, transport: http(`http://127.0.0.1:${port}`, { retryCount: 0 }) });
      const report = await reconcileStatement({ statement, publicClient: proxied, fromBlock, chunkSize: 50n, now: AFTER_DUE });
      expect(report.lines.map((l) => l.status)).toEqual(["paid", "paid", "paid", "paid"]);
      const served = ranges.filter(([, , ok]) => ok);
      expect(ranges.some(([, , ok]) => !ok)).toBe(true);
      expect(served.every(([from, to]) => to - from + 1 <= 8)).toBe(true);
      // The served ranges tile [0, head] without gaps or overlaps.
      const head = Number(report.toBlock);
      let next = Number(fromBlock);
      for (const [from, to] of served) {
        expect(from).toBe(next);
        next = to + 1;
      }
      expect(next).toBe(head + 1);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
