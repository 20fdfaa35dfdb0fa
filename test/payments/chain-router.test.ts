/**
 * Paying and reconciling through the OMRLRouter on a real Anvil node: the plan approves the router
 * and calls pay(termsHash, licensor, statementHash, amount) per obligation (with the OMRL
 * reference appended); reconciliation reads the router's RevenuePaid/PayeePaid events for the
 * statement. Registrations are keyed by terms hash and licensor, so a squatter blocks nothing.
 */
import type { Address } from "viem";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  createMemoryLedger,
  deployRouter,
  InsufficientAllowanceError,
  planPayments,
  reconcileStatement,
  registerTerms,
  RouterRegistrationMismatchError,
  sendPayments,
  toSafeBatch,
  validateSafeBatch,
} from "../../src/index.js";
import { startAnvil, type Anvil } from "../helpers/anvil.js";
import { balanceOf, deployTestToken, mint } from "../helpers/erc20.js";
import { makeStatement, TERMS_A, TERMS_B } from "./fixtures.js";

let anvil: Anvil;
let token: Address;
let router: Address;
const AFTER_DUE = new Date("2026-11-15T00:00:00Z");

const acct = (i: number) => anvil.accounts[i]!;
const split = () => [
  { account: acct(2).address, sharePpm: 700_000n },
  { account: acct(3).address, sharePpm: 300_000n },
];

beforeAll(async () => {
  anvil = await startAnvil();
  token = (await deployTestToken(anvil, { decimals: 6 })).address;
  const licensor = { walletClient: anvil.walletClient(0), publicClient: anvil.publicClient };
  router = (await deployRouter(licensor)).address;
  await registerTerms({ ...licensor, router, termsHash: TERMS_A, token, payees: split() });
  await registerTerms({ ...licensor, router, termsHash: TERMS_B, token, payees: [{ account: acct(4).address, sharePpm: 1_000_000n }] });
});
afterAll(async () => {
  await anvil?.stop();
});

/** The licensor the (signed) terms name: account 0 registered both. */
const licensors = () => ({ [TERMS_A]: acct(0).address, [TERMS_B]: acct(0).address });

function routedStatement(tag: string) {
  return makeStatement({
    payer: acct(1).address,
    chainId: 31337,
    token,
    obligations: [
      { id: `acme/tiny-1b:${tag}`, amount: 5_000_500_001n, payees: split(), termsHash: TERMS_A, router },
      { id: `acme/base-7b:${tag}`, amount: 42_000_000n, payees: [{ account: acct(4).address, sharePpm: 1_000_000n }], termsHash: TERMS_B, router },
    ],
  });
}

describe("paying through the router", () => {
  test("approve + pay per obligation; reconcile reads the router's events; a rerun sends nothing", async () => {
    await mint(anvil, token, acct(1).address, 20_000_000_000n);
    const fromBlock = await anvil.publicClient.getBlockNumber();
    const statement = routedStatement("routed");
    const plan = planPayments(statement, { method: "router", licensors: licensors() });
    const before = await Promise.all([2, 3, 4].map((i) => balanceOf(anvil, token, acct(i).address)));
    const ledger = createMemoryLedger();

    const result = await sendPayments({ plan, walletClient: anvil.walletClient(1), publicClient: anvil.publicClient, ledger });
    expect(result.approvals).toHaveLength(1);
    expect(result.approvals[0]!.line.amount).toBe(5_042_500_001n);
    expect(result.sent.map((s) => s.line.kind)).toEqual(["router-pay", "router-pay"]);
    const after = await Promise.all([2, 3, 4].map((i) => balanceOf(anvil, token, acct(i).address)));
    // The router's cumulative split equals the statement's: 70 % floor, the rest to the last payee.
    expect(after.map((b, i) => b - before[i]!)).toEqual([3_500_350_000n, 1_500_150_001n, 42_000_000n]);
    expect(await balanceOf(anvil, token, router)).toBe(0n);

    const report = await reconcileStatement({ statement, publicClient: anvil.publicClient, fromBlock, now: AFTER_DUE });
    expect(report.lines.map((l) => [l.payee, l.status, l.paid, l.payments.map((p) => p.via)])).toEqual([
      [acct(2).address, "paid", 3_500_350_000n, ["router"]],
      [acct(3).address, "paid", 1_500_150_001n, ["router"]],
      [acct(4).address, "paid", 42_000_000n, ["router"]],
    ]);
    expect(report.ok).toBe(true);

    const nonce = await anvil.publicClient.getTransactionCount({ address: acct(1).address });
    const rerun = await sendPayments({ plan, walletClient: anvil.walletClient(1), publicClient: anvil.publicClient, ledger });
    expect(rerun.sent).toHaveLength(0);
    expect(rerun.approvals).toHaveLength(0);
    expect(await anvil.publicClient.getTransactionCount({ address: acct(1).address })).toBe(nonce);
  });

  test("a router payment of another statement does not count for this one", async () => {
    await mint(anvil, token, acct(1).address, 20_000_000_000n);
    const fromBlock = await anvil.publicClient.getBlockNumber();
    await sendPayments({
      plan: planPayments(routedStatement("paid-one"), { method: "router", licensors: licensors() }),
      walletClient: anvil.walletClient(1),
      publicClient: anvil.publicClient,
      ledger: createMemoryLedger(),
    });
    const other = await reconcileStatement({ statement: routedStatement("unpaid-one"), publicClient: anvil.publicClient, fromBlock, now: AFTER_DUE });
    expect(other.lines.map((l) => l.status)).toEqual(["unpaid", "unpaid", "unpaid"]);
    expect(other.counts.overdue).toBe(3);
  });

  test("an obligation that names a router can also be paid by direct transfers", async () => {
    await mint(anvil, token, acct(1).address, 20_000_000_000n);
    const fromBlock = await anvil.publicClient.getBlockNumber();
    const statement = routedStatement("direct");
    await sendPayments({ plan: planPayments(statement, { method: "transfer" }), walletClient: anvil.walletClient(1), publicClient: anvil.publicClient, ledger: createMemoryLedger() });
    const report = await reconcileStatement({ statement, publicClient: anvil.publicClient, fromBlock, now: AFTER_DUE });
    expect(report.lines.map((l) => [l.status, l.payments.map((p) => p.via)])).toEqual([
      ["paid", ["transfer"]],
      ["paid", ["transfer"]],
      ["paid", ["transfer"]],
    ]);
    expect(report.unmatched).toEqual([]);
  });

  test("without permission to approve, a short allowance is a typed error before anything is sent", async () => {
    await mint(anvil, token, acct(1).address, 20_000_000_000n);
    const plan = planPayments(routedStatement("no-approve"), { method: "router", licensors: licensors() });
    const nonce = await anvil.publicClient.getTransactionCount({ address: acct(1).address });
    const error = await sendPayments({ plan, walletClient: anvil.walletClient(1), publicClient: anvil.publicClient, ledger: createMemoryLedger(), approve: false }).catch((e) => e);
    expect(error).toBeInstanceOf(InsufficientAllowanceError);
    expect((error as InsufficientAllowanceError).required).toBe(5_042_500_001n);
    expect(await anvil.publicClient.getTransactionCount({ address: acct(1).address })).toBe(nonce);
  });

  test("the router plan as a Safe batch: approve then pay, decoded for review, checksum valid", () => {
    const statement = routedStatement("safe");
    const batch = toSafeBatch(planPayments(statement, { method: "router", licensors: licensors() }), { safeAddress: acct(1).address, name: "router run", createdAt: 1 });
    expect(batch.transactions.map((t) => t.contractMethod?.name)).toEqual(["approve", "pay", "pay"]);
    expect(batch.transactions[1]!.contractInputsValues).toEqual({ termsHash: TERMS_A, licensor: acct(0).address, statementHash: statement.statementHash, amount: "5000500001" });
    expect(validateSafeBatch(JSON.parse(JSON.stringify(batch))).transactions).toHaveLength(3);
  });

  test("a squatter registers a published terms hash first: the licensor still registers, payments reach only the terms' payees; a mismatch is refused before anything is sent", async () => {
    const TERMS_C = `0x${"c3".repeat(32)}` as const;
    const attacker = acct(9);
    const licensor = { walletClient: anvil.walletClient(0), publicClient: anvil.publicClient };
    // The attacker read omrl.json and registers its hash first, paying itself.
    await registerTerms({ walletClient: anvil.walletClient(9), publicClient: anvil.publicClient, router, termsHash: TERMS_C, token, payees: [{ account: attacker.address, sharePpm: 1_000_000n }] });
    // The real licensor's registration still goes through.
    await registerTerms({ ...licensor, router, termsHash: TERMS_C, token, payees: split() });
    await mint(anvil, token, acct(1).address, 20_000_000_000n);
    const statement = makeStatement({
      payer: acct(1).address,
      chainId: 31337,
      token,
      obligations: [{ id: "acme/squat:2026-Q3", amount: 1_000_000n, payees: split(), termsHash: TERMS_C, router }],
    });
    const attackerBefore = await balanceOf(anvil, token, attacker.address);
    const before = await Promise.all([2, 3].map((i) => balanceOf(anvil, token, acct(i).address)));
    const result = await sendPayments({
      plan: planPayments(statement, { method: "router", licensors: { [TERMS_C]: acct(0).address } }),
      walletClient: anvil.walletClient(1),
      publicClient: anvil.publicClient,
      ledger: createMemoryLedger(),
    });
    expect(result.sent).toHaveLength(1);
    const after = await Promise.all([2, 3].map((i) => balanceOf(anvil, token, acct(i).address)));
    expect(after.map((b, i) => b - before[i]!)).toEqual([700_000n, 300_000n]);
    expect(await balanceOf(anvil, token, attacker.address)).toBe(attackerBefore);

    // A payer told (wrongly) that the attacker is the licensor: its registration's payees differ
    // from the statement's, so nothing is sent.
    const nonce = await anvil.publicClient.getTransactionCount({ address: acct(1).address });
    const other = makeStatement({
      payer: acct(1).address,
      chainId: 31337,
      token,
      obligations: [{ id: "acme/squat:2026-Q4", amount: 1_000_000n, payees: split(), termsHash: TERMS_C, router }],
    });
    const error = await sendPayments({
      plan: planPayments(other, { method: "router", licensors: { [TERMS_C]: attacker.address } }),
      walletClient: anvil.walletClient(1),
      publicClient: anvil.publicClient,
      ledger: createMemoryLedger(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RouterRegistrationMismatchError);
    expect((error as RouterRegistrationMismatchError).differences).toEqual([
      `payees are [${attacker.address} 1000000 ppm], the terms name [${acct(2).address} 700000 ppm, ${acct(3).address} 300000 ppm]`,
    ]);
    expect(await anvil.publicClient.getTransactionCount({ address: acct(1).address })).toBe(nonce);
  });
});
