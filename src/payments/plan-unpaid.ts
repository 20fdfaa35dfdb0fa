import { encodeFunctionData, erc20Abi, type Chain, type Hex, type PublicClient, type Transport } from "viem";
import { omrlRouterAbi } from "./router/abi.js";
import type { PaymentBatch, PaymentLine, PaymentPlan } from "./plan.js";
import { appendPaymentReference } from "./reference.js";
import { reconcileStatement, type ReconcileStatementReturnType } from "./reconcile.js";

export type PlanUnpaidParameters = {
  plan: PaymentPlan;
  publicClient: PublicClient<Transport, Chain | undefined>;
  /** First block to read (default: the first block at or after the statement's earliest period start). */
  fromBlock?: bigint;
  chunkSize?: bigint;
};

export type PlanUnpaidReturnType = {
  /** The plan without the lines the chain shows paid; a partly paid line asks only for the rest. */
  plan: PaymentPlan;
  /** Lines the chain shows paid (or mined, short of confirmations), with the first payment's hash. */
  paid: { line: PaymentLine; transactionHash: Hex | undefined }[];
  /** Lines that were partly paid and now ask only for what is missing. */
  reduced: { line: PaymentLine; credited: bigint }[];
  /** The reconciliation it was decided from (its `toBlock` is where a re-check continues). */
  report: ReconcileStatementReturnType;
};

/** A copy of `line` asking for `amount` instead (same reference; re-encoded calldata). */
export function withAmount(line: PaymentLine, amount: bigint): PaymentLine {
  let data: Hex;
  if (line.kind === "transfer") data = encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [line.payee, amount] });
  else if (line.kind === "router-pay") {
    if (!line.registration || !line.termsHash) throw new RangeError("a router line without its registration");
    const statementHash = `0x${line.data.slice(138, 202)}` as Hex;
    data = encodeFunctionData({ abi: omrlRouterAbi, functionName: "pay", args: [line.termsHash, line.registration.licensor, statementHash, amount] });
  } else data = encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [line.payee, amount] });
  return { ...line, amount, data: line.reference ? appendPaymentReference(data, line.reference) : data };
}

/**
 * Reconciles the plan's statement on chain and returns the plan of what is still to pay: lines
 * the chain shows paid (or mined but short of confirmations) are left out, a partly paid line
 * asks for the rest, and each router batch's `approve` covers only the remaining router lines.
 * `sendPayments` starts from it, and the Safe batch and EIP-5792 files can too, so a rerun —
 * with a lost, empty or foreign ledger — never pays a line twice.
 *
 * @example
 * const { plan: rest, paid } = await planUnpaid({ plan, publicClient });
 * const batch = toSafeBatch(rest, { safeAddress, name, createdAt: Date.now() });
 */
export async function planUnpaid(parameters: PlanUnpaidParameters): Promise<PlanUnpaidReturnType> {
  const { plan, publicClient } = parameters;
  const report = await reconcileStatement({
    statement: plan.parsed,
    publicClient,
    payer: plan.payer,
    confirmations: 1,
    ...(parameters.fromBlock === undefined ? {} : { fromBlock: parameters.fromBlock }),
    ...(parameters.chunkSize === undefined ? {} : { chunkSize: parameters.chunkSize }),
  });
  const byLine = new Map(report.lines.map((l) => [`${l.obligationId}|${l.payee}`, l]));
  const paid: PlanUnpaidReturnType["paid"] = [];
  const reduced: PlanUnpaidReturnType["reduced"] = [];
  const batches: PaymentBatch[] = [];
  for (const batch of plan.batches) {
    if (batch.chainId !== report.chainId) {
      batches.push(batch);
      continue;
    }
    const lines: PaymentLine[] = [];
    for (const line of batch.lines) {
      if (line.kind === "approve") continue;
      const reconciled =
        line.kind === "transfer"
          ? [byLine.get(`${line.obligationId}|${line.payee}`)]
          : report.lines.filter((l) => l.obligationId === line.obligationId);
      const credited = reconciled.reduce((sum, l) => sum + (l ? l.paid + l.pending : 0n), 0n);
      if (credited >= line.amount) {
        paid.push({ line, transactionHash: reconciled.find((l) => l?.payments[0])?.payments[0]?.transactionHash });
        continue;
      }
      if (credited > 0n) {
        reduced.push({ line, credited });
        lines.push(withAmount(line, line.amount - credited));
      } else lines.push(line);
    }
    const total = lines.reduce((sum, l) => sum + l.amount, 0n);
    const approve = batch.lines.find((l) => l.kind === "approve");
    if (approve && total > 0n) lines.unshift(withAmount(approve, total));
    if (lines.length > 0) batches.push({ ...batch, lines, total });
  }
  return { plan: { ...plan, batches }, paid, reduced, report };
}
