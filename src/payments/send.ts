import {
  BaseError,
  CallExecutionError,
  ContractFunctionRevertedError,
  erc20Abi,
  getAbiItem,
  getAddress,
  HttpRequestError,
  RpcRequestError,
  TimeoutError,
  TransactionNotFoundError,
  TransactionReceiptNotFoundError,
  type Account,
  type Address,
  type Chain,
  type Hex,
  type PublicClient,
  type Transport,
  type WalletClient,
} from "viem";
import { OmrlError } from "../errors.js";
import {
  InsufficientAllowanceError,
  InsufficientBalanceError,
  PaymentInterruptedError,
  PaymentRevertedError,
  PaymentSetupError,
  TokenNotContractError,
  TokenRejectsReferenceError,
} from "./errors.js";
import { planUnpaid, withAmount } from "./plan-unpaid.js";
import { findReferencedCalls, findReferencedTransfers, PAYMENT_REFERENCE_BYTES } from "./reference.js";
import { checkRouterRegistration, readRouterPayments } from "./router/index.js";
import type { PaymentLedger, PaymentLedgerEntry } from "./ledger.js";
import type { PaymentBatch, PaymentLine, PaymentPlan } from "./plan.js";

export type SendPaymentsParameters = {
  plan: PaymentPlan;
  walletClient: WalletClient<Transport, Chain | undefined, Account>;
  publicClient: PublicClient<Transport, Chain | undefined>;
  ledger: PaymentLedger;
  /** Blocks on top of (and including) the payment's block before it counts as confirmed (default 1). */
  confirmations?: number;
  /** For router lines: approve the router when its allowance is short (default true). */
  approve?: boolean;
  /**
   * First block of the on-chain reconciliation the run starts from. Default: the first block at
   * or after the statement's earliest period start (nothing earlier can pay it).
   */
  fromBlock?: bigint;
  /** Blocks per `eth_getLogs` request of that reconciliation (default 2,000). */
  chunkSize?: bigint;
  /** Called after each line is confirmed (progress output; an exception stops the run there). */
  onLine?: (event: { line: PaymentLine; transactionHash: Hex; status: "confirmed" }) => void | Promise<void>;
  /** The clock for ledger entries (tests pass a fixed one). */
  now?: () => Date;
};

export type SendPaymentsReturnType = {
  /** Lines this run sent and confirmed (a partly paid line: for what was missing). */
  sent: { line: PaymentLine; transactionHash: Hex; blockNumber: bigint }[];
  /** Lines the chain already shows paid (whoever paid them, ledger or not). */
  alreadyPaid: { line: PaymentLine; transactionHash: Hex | undefined }[];
  /** `approve` transactions this run sent. */
  approvals: { line: PaymentLine; transactionHash: Hex }[];
  /** The block the on-chain reconciliation started from. */
  fromBlock: bigint;
};

type LineState = { line: PaymentLine; batch: PaymentBatch };

function entryFor(
  plan: PaymentPlan,
  state: LineState,
  status: PaymentLedgerEntry["status"],
  now: () => Date,
  extra: Partial<PaymentLedgerEntry> = {},
): PaymentLedgerEntry {
  return {
    key: state.line.key,
    statementHash: plan.statementHash,
    obligationId: state.line.obligationId ?? "",
    payee: state.line.payee,
    amount: state.line.amount.toString(),
    chainId: state.batch.chainId,
    status,
    at: now().toISOString(),
    ...extra,
  };
}

/**
 * Sends what the chain does not show paid, one transaction per line, from a wallet client.
 *
 * The chain is the source of truth: the run first resolves the ledger's pending transactions
 * (sent by a run that stopped before their receipts), then reconciles the statement on chain
 * (`planUnpaid`) and sends only lines that no payment covers — whoever paid them, with whatever
 * ledger. Each line is re-checked on the blocks mined since, just before it is sent. The ledger
 * is a journal: `pending` with its hash as soon as a line is sent, `confirmed` once it has
 * `confirmations` blocks. Before anything is sent: the registration of every router line is
 * checked against the terms (`RouterRegistrationMismatchError`), every token is a contract
 * (`TokenNotContractError`) that accepts the payment reference (`TokenRejectsReferenceError`),
 * and the payer's balance (and the router's allowance) covers everything still unpaid
 * (`InsufficientBalanceError` / `InsufficientAllowanceError`). An RPC failure mid-run is a
 * `PaymentInterruptedError`; running again completes the run, paying each line once.
 *
 * @example
 * const result = await sendPayments({ plan, walletClient, publicClient, ledger, confirmations: 2 });
 * result.sent.length // lines paid by this run
 */
export async function sendPayments(parameters: SendPaymentsParameters): Promise<SendPaymentsReturnType> {
  const { plan, walletClient, publicClient, ledger, confirmations = 1, approve = true, onLine, now = () => new Date() } = parameters;
  if (!Number.isInteger(confirmations) || confirmations < 1)
    throw new PaymentSetupError(`confirmations must be an integer ≥ 1, got ${confirmations}`);
  const account = walletClient.account;
  if (getAddress(account.address) !== getAddress(plan.payer))
    throw new PaymentSetupError(`the signer ${account.address} is not the payer ${plan.payer}`, {
      details: "Payments are reconciled against the payer's address; sign with the payer's key (or plan with `payer`).",
    });
  const chainId = await publicClient.getChainId();
  const otherChains = plan.batches.filter((b) => b.chainId !== chainId).map((b) => b.chainId);
  if (otherChains.length > 0)
    throw new PaymentSetupError(`the plan pays on chain ${otherChains.join(", ")} but the RPC is chain ${chainId}`);

  // 0. Router registrations must be the terms' (licensor, token, payees) before anything moves.
  const checked = new Set<string>();
  for (const batch of plan.batches)
    for (const line of batch.lines) {
      if (line.kind !== "router-pay" || !line.registration || !batch.router) continue;
      const id = `${batch.router}|${line.registration.termsHash}|${line.registration.licensor}`.toLowerCase();
      if (checked.has(id)) continue;
      checked.add(id);
      await checkRouterRegistration({ publicClient: publicClient as PublicClient, router: batch.router, expected: line.registration });
    }

  // 1. The ledger's pending transactions: wait for them (the logs cannot show a transaction that
  //    is still in the mempool), and mark the ones that were dropped or reverted.
  const entries = await ledger.load();
  const stateOf = new Map<string, LineState>();
  for (const batch of plan.batches) for (const line of batch.lines) stateOf.set(line.key, { line, batch });
  for (const entry of entries.values()) {
    const state = stateOf.get(entry.key);
    if (!state || entry.status !== "pending" || !entry.transactionHash) continue;
    const outcome = await resolvePending(publicClient, entry.transactionHash, confirmations);
    if (outcome.status === "success")
      await ledger.append(entryFor(plan, state, "confirmed", now, { transactionHash: entry.transactionHash, blockNumber: outcome.blockNumber.toString() }));
    else await ledger.append(entryFor(plan, state, "failed", now, { transactionHash: entry.transactionHash, reason: outcome.status }));
  }

  // 2. What the chain does not show paid.
  const unpaid = await planUnpaid({
    plan,
    publicClient,
    ...(parameters.fromBlock === undefined ? {} : { fromBlock: parameters.fromBlock }),
    ...(parameters.chunkSize === undefined ? {} : { chunkSize: parameters.chunkSize }),
  });
  const result: SendPaymentsReturnType = { sent: [], alreadyPaid: unpaid.paid, approvals: [], fromBlock: unpaid.report.fromBlock };
  for (const { line, transactionHash } of unpaid.paid) {
    const state = stateOf.get(line.key);
    if (state && entries.get(line.key)?.status !== "confirmed" && transactionHash)
      await ledger.append(entryFor(plan, state, "confirmed", now, { transactionHash, reason: "found on chain" }));
  }
  const toSend: LineState[] = unpaid.plan.batches.flatMap((batch) =>
    batch.lines.filter((line) => line.kind !== "approve").map((line) => ({ line, batch })),
  );
  if (toSend.length === 0) return result;

  // 3. Pre-flight for the whole remaining plan, before sending anything.
  const approvals: LineState[] = [];
  const requiredPerToken = new Map<string, { batch: PaymentBatch; required: bigint }>();
  for (const state of toSend) {
    const entry = requiredPerToken.get(state.batch.token.toLowerCase()) ?? { batch: state.batch, required: 0n };
    entry.required += state.line.amount;
    requiredPerToken.set(state.batch.token.toLowerCase(), entry);
  }
  for (const { batch, required } of requiredPerToken.values()) {
    const code = await publicClient.getCode({ address: batch.token });
    if (!code || code === "0x") throw new TokenNotContractError({ token: batch.token, chainId });
    const balance = await publicClient.readContract({ address: batch.token, abi: erc20Abi, functionName: "balanceOf", args: [plan.payer] });
    if (balance < required)
      throw new InsufficientBalanceError({ token: batch.token, payer: plan.payer, required, balance, symbol: batch.symbol });
  }
  const referenceChecked = new Set<string>();
  for (const state of toSend) {
    if (state.line.kind !== "transfer" || !state.line.reference || referenceChecked.has(state.line.to.toLowerCase())) continue;
    referenceChecked.add(state.line.to.toLowerCase());
    await checkTokenAcceptsReference(publicClient, plan.payer, state.line);
  }
  for (const batch of unpaid.plan.batches) {
    const required = toSend.filter((s) => s.batch === batch).reduce((sum, s) => sum + s.line.amount, 0n);
    if (required === 0n) continue;
    if (batch.router !== null) {
      const allowance = await publicClient.readContract({
        address: batch.token,
        abi: erc20Abi,
        functionName: "allowance",
        args: [plan.payer, batch.router],
      });
      if (allowance < required) {
        if (!approve)
          throw new InsufficientAllowanceError({ token: batch.token, owner: plan.payer, spender: batch.router, required, allowance });
        const template = batch.lines.find((l) => l.kind === "approve");
        if (!template) throw new PaymentSetupError("a router batch without its approve line");
        approvals.push({ batch, line: withAmount(template, required) });
      }
    }
  }

  // 4. Send: approvals first, then each line, re-checked on the blocks mined since the
  //    reconciliation; every hash is in the ledger before we wait on it.
  const send = (line: PaymentLine) =>
    walletClient.sendTransaction({ account, chain: walletClient.chain ?? null, to: line.to, data: line.data, value: 0n });
  const checkedUpTo = unpaid.report.toBlock;
  try {
    for (const state of approvals) {
      const hash = await send(state.line);
      const receipt = await publicClient.waitForTransactionReceipt({ hash });
      if (receipt.status !== "success") throw new PaymentRevertedError({ transactionHash: hash, obligationId: null, payee: state.line.payee });
      result.approvals.push({ line: state.line, transactionHash: hash });
    }
    for (const state of toSend) {
      const since = await paidSince(publicClient, plan, state, checkedUpTo + 1n);
      if (since) {
        result.alreadyPaid.push({ line: state.line, transactionHash: since });
        await ledger.append(entryFor(plan, state, "confirmed", now, { transactionHash: since, reason: "found on chain" }));
        continue;
      }
      const hash = await send(state.line);
      await ledger.append(entryFor(plan, state, "pending", now, { transactionHash: hash }));
      const receipt = await publicClient.waitForTransactionReceipt({ hash, confirmations });
      if (receipt.status !== "success") {
        await ledger.append(entryFor(plan, state, "failed", now, { transactionHash: hash, reason: "reverted" }));
        throw new PaymentRevertedError({ transactionHash: hash, obligationId: state.line.obligationId, payee: state.line.payee });
      }
      await ledger.append(
        entryFor(plan, state, "confirmed", now, { transactionHash: hash, blockNumber: receipt.blockNumber.toString() }),
      );
      result.sent.push({ line: state.line, transactionHash: hash, blockNumber: receipt.blockNumber });
      await onLine?.({ line: state.line, transactionHash: hash, status: "confirmed" });
    }
  } catch (error) {
    if (error instanceof OmrlError || !isRpcFailure(error)) throw error;
    throw new PaymentInterruptedError({ sent: result.sent.length, remaining: toSend.length - result.sent.length, cause: error });
  }
  return result;
}

/** Transport and RPC failures (as opposed to a bug or a callback's own exception). */
function isRpcFailure(error: unknown): boolean {
  const transport = (e: unknown) => e instanceof HttpRequestError || e instanceof TimeoutError || e instanceof RpcRequestError;
  return transport(error) || (error instanceof BaseError && error.walk(transport) !== null);
}

/**
 * `eth_call`s the first referenced transfer from the payer: a token that reverts (or returns
 * false) with the reference but accepts the plain call is refused before anything is sent.
 */
async function checkTokenAcceptsReference(
  publicClient: PublicClient<Transport, Chain | undefined>,
  payer: Address,
  line: PaymentLine,
): Promise<void> {
  const accepts = async (data: Hex) => {
    try {
      const { data: returned } = await publicClient.call({ account: payer, to: line.to, data });
      // Standard tokens return true; USDT-style tokens return nothing.
      return returned === undefined || returned === "0x" || BigInt(returned) !== 0n;
    } catch (error) {
      if (error instanceof CallExecutionError || error instanceof ContractFunctionRevertedError || (error instanceof BaseError && /revert/i.test(error.message)))
        return false;
      throw error;
    }
  };
  if (await accepts(line.data)) return;
  const plain = line.data.slice(0, line.data.length - PAYMENT_REFERENCE_BYTES * 2) as Hex;
  if (await accepts(plain)) throw new TokenRejectsReferenceError({ token: line.to });
  throw new PaymentSetupError(`a transfer of ${line.amount} base units from ${payer} on token ${line.to} fails even without the reference`, {
    details: "Nothing was sent. Is the token paused, or the payer blocked?",
  });
}

/**
 * Whether the line was paid on blocks after `fromBlock - 1` (by another run, since the
 * reconciliation): a referenced transfer to the payee, or a referenced router payment of the line.
 * Returns that transaction's hash.
 */
async function paidSince(
  publicClient: PublicClient<Transport, Chain | undefined>,
  plan: PaymentPlan,
  state: LineState,
  fromBlock: bigint,
): Promise<Hex | undefined> {
  const { line, batch } = state;
  if (!line.reference) return undefined; // unreferenced payments can only be matched by a full reconciliation
  const head = await publicClient.getBlockNumber();
  if (head < fromBlock) return undefined;
  const lineHash = line.reference.lineHash;
  const statementHash = plan.statementHash.toLowerCase();
  if (line.kind === "transfer") {
    const logs = await publicClient.getLogs({
      address: batch.token,
      event: getAbiItem({ abi: erc20Abi, name: "Transfer" }),
      args: { from: plan.payer, to: line.payee },
      fromBlock,
      toBlock: head,
      strict: true,
    });
    for (const hash of new Set(logs.map((l) => l.transactionHash))) {
      const { input } = await publicClient.getTransaction({ hash });
      if (findReferencedTransfers(input).some((r) => r.statementHash === statementHash && r.lineHash === lineHash)) return hash;
    }
    return undefined;
  }
  if (!batch.router || !line.termsHash) return undefined;
  const payments = await readRouterPayments({
    publicClient: publicClient as PublicClient,
    router: batch.router,
    termsHash: line.termsHash,
    statementHash: plan.statementHash,
    payer: plan.payer,
    fromBlock,
    toBlock: head,
  });
  for (const hash of new Set(payments.map((p) => p.transactionHash))) {
    const { input } = await publicClient.getTransaction({ hash });
    if (findReferencedCalls(input, 4).some((r) => r.statementHash === statementHash && r.lineHash === lineHash)) return hash;
  }
  return undefined;
}

type PendingOutcome = { status: "success"; blockNumber: bigint } | { status: "reverted" | "dropped" };

/** What became of a transaction a previous run sent: mined (waiting for confirmations), reverted, or gone. */
async function resolvePending(
  publicClient: PublicClient<Transport, Chain | undefined>,
  hash: Hex,
  confirmations: number,
): Promise<PendingOutcome> {
  try {
    await publicClient.getTransactionReceipt({ hash });
  } catch (error) {
    if (!(error instanceof TransactionReceiptNotFoundError)) throw error;
    try {
      await publicClient.getTransaction({ hash });
    } catch (inner) {
      if (inner instanceof TransactionNotFoundError) return { status: "dropped" };
      throw inner;
    }
    // Known but not mined yet: wait for it like a fresh send.
  }
  const receipt = await publicClient.waitForTransactionReceipt({ hash, confirmations });
  return receipt.status === "success" ? { status: "success", blockNumber: receipt.blockNumber } : { status: "reverted" };
}
