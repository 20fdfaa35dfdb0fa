import {
  encodeFunctionData,
  erc20Abi,
  getAddress,
  TransactionNotFoundError,
  TransactionReceiptNotFoundError,
  type Account,
  type Chain,
  type Hex,
  type PublicClient,
  type Transport,
  type WalletClient,
} from "viem";
import {
  InsufficientAllowanceError,
  InsufficientBalanceError,
  PaymentRevertedError,
  PaymentSetupError,
} from "./errors.js";
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
  /** Called after each line is confirmed (progress output; an exception stops the run there). */
  onLine?: (event: { line: PaymentLine; transactionHash: Hex; status: "confirmed" }) => void | Promise<void>;
  /** The clock for ledger entries (tests pass a fixed one). */
  now?: () => Date;
};

export type SendPaymentsReturnType = {
  /** Lines this run sent and confirmed. */
  sent: { line: PaymentLine; transactionHash: Hex; blockNumber: bigint }[];
  /** Lines a previous run had already confirmed (found in the ledger, or its pending receipt). */
  alreadyPaid: { line: PaymentLine; transactionHash: Hex | undefined }[];
  /** `approve` transactions this run sent. */
  approvals: { line: PaymentLine; transactionHash: Hex }[];
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
 * Sends the plan's unpaid lines from a wallet client, one transaction per line, and records each
 * in the ledger: `pending` with its hash as soon as it is sent, `confirmed` once it has
 * `confirmations` blocks. Idempotent and resumable: lines in the ledger are re-checked by receipt
 * (kept when mined, sent again when reverted, dropped or reorganised away), never sent twice. Before anything is
 * sent, the payer's token balance (and, for router lines, the router's allowance) is checked
 * against everything still unpaid: `InsufficientBalanceError` / `InsufficientAllowanceError`.
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

  const entries = await ledger.load();
  const result: SendPaymentsReturnType = { sent: [], alreadyPaid: [], approvals: [] };
  const toSend: LineState[] = [];

  // 1. What is still unpaid: resolve pending entries by their receipts.
  for (const batch of plan.batches) {
    for (const line of batch.lines) {
      if (line.kind === "approve") continue;
      const state = { line, batch };
      const entry = entries.get(line.key);
      if (entry?.status === "confirmed" && !entry.transactionHash) {
        result.alreadyPaid.push({ line, transactionHash: undefined });
        continue;
      }
      // Confirmed lines are re-checked too (one receipt each): a reorg deeper than the
      // confirmations can remove a payment, and then it must be paid again.
      if ((entry?.status === "pending" || entry?.status === "confirmed") && entry.transactionHash) {
        const outcome = await resolvePending(publicClient, entry.transactionHash, confirmations);
        if (outcome.status === "success") {
          if (entry.status === "pending")
            await ledger.append(
              entryFor(plan, state, "confirmed", now, { transactionHash: entry.transactionHash, blockNumber: outcome.blockNumber.toString() }),
            );
          result.alreadyPaid.push({ line, transactionHash: entry.transactionHash });
          continue;
        }
        await ledger.append(entryFor(plan, state, "failed", now, { transactionHash: entry.transactionHash, reason: outcome.status }));
      }
      toSend.push(state);
    }
  }

  // 2. Pre-flight for the whole remaining plan, before sending anything.
  const approvals: LineState[] = [];
  const requiredPerToken = new Map<string, { batch: PaymentBatch; required: bigint }>();
  for (const state of toSend) {
    const entry = requiredPerToken.get(state.batch.token.toLowerCase()) ?? { batch: state.batch, required: 0n };
    entry.required += state.line.amount;
    requiredPerToken.set(state.batch.token.toLowerCase(), entry);
  }
  for (const { batch, required } of requiredPerToken.values()) {
    const balance = await publicClient.readContract({ address: batch.token, abi: erc20Abi, functionName: "balanceOf", args: [plan.payer] });
    if (balance < required)
      throw new InsufficientBalanceError({ token: batch.token, payer: plan.payer, required, balance, symbol: batch.symbol });
  }
  for (const batch of plan.batches) {
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
        approvals.push({
          batch,
          line: {
            ...template,
            amount: required,
            data: encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [batch.router, required] }),
          },
        });
      }
    }
  }

  // 3. Send: approvals first, then each line; every hash is in the ledger before we wait on it.
  const send = (line: PaymentLine) =>
    walletClient.sendTransaction({ account, chain: walletClient.chain ?? null, to: line.to, data: line.data, value: 0n });
  for (const state of approvals) {
    const hash = await send(state.line);
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new PaymentRevertedError({ transactionHash: hash, obligationId: null, payee: state.line.payee });
    result.approvals.push({ line: state.line, transactionHash: hash });
  }
  for (const state of toSend) {
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
  return result;
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
