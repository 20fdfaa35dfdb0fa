import { getAbiItem, type Address, type Hex, type PublicClient } from "viem";
import { omrlRouterAbi } from "./abi.js";
import type { Bytes32, MinedBlock } from "./types.js";
import { assertBytes32, checkedAddress } from "./validate.js";

export type ReadRouterPaymentsParameters = {
  publicClient: PublicClient;
  router: Address;
  /** Only payments under these terms. */
  termsHash?: Bytes32;
  /** Only payments of this statement. */
  statementHash?: Bytes32;
  /** Only payments sent by this account. */
  payer?: Address;
  fromBlock: MinedBlock;
  toBlock: MinedBlock;
};

/** One `RevenuePaid` event, with the `PayeePaid` parts emitted by the same call. */
export type RouterPayment = {
  termsHash: Bytes32;
  payer: Address;
  statementHash: Bytes32;
  /** Whose registration was paid (registrations are keyed by terms hash and licensor). */
  licensor: Address;
  /** Token base units; the token is the registration's (fixed per terms hash and licensor). */
  amount: bigint;
  payouts: { payee: Address; amount: bigint }[];
  blockNumber: bigint;
  transactionHash: Hex;
  logIndex: number;
};

export type ReadRouterPaymentsReturnType = RouterPayment[];

/**
 * Reads the router's `RevenuePaid` logs in a block range (filtered on chain by the indexed
 * terms hash, payer and statement hash), each with its per-payee parts, in chain order.
 * Reconciliation matches them to statements; confirmations are the caller's choice of `toBlock`.
 *
 * @example
 * const payments = await readRouterPayments({
 *   publicClient, router, statementHash, fromBlock: 0n, toBlock: "latest",
 * });
 */
export async function readRouterPayments(parameters: ReadRouterPaymentsParameters): Promise<ReadRouterPaymentsReturnType> {
  const { publicClient, termsHash, statementHash, fromBlock, toBlock } = parameters;
  const address = checkedAddress(parameters.router, "router");
  const payer = parameters.payer === undefined ? undefined : checkedAddress(parameters.payer, "payer");
  if (termsHash !== undefined) assertBytes32(termsHash, "termsHash");
  if (statementHash !== undefined) assertBytes32(statementHash, "statementHash");

  const [paidLogs, partLogs] = await Promise.all([
    publicClient.getLogs({
      address,
      event: getAbiItem({ abi: omrlRouterAbi, name: "RevenuePaid" }),
      args: { termsHash, payer, statementHash },
      strict: true,
      fromBlock,
      toBlock,
    }),
    publicClient.getLogs({
      address,
      event: getAbiItem({ abi: omrlRouterAbi, name: "PayeePaid" }),
      args: { termsHash, statementHash },
      strict: true,
      fromBlock,
      toBlock,
    }),
  ]);

  // A pay() call emits its PayeePaid logs, then its RevenuePaid, all in one transaction; the parts
  // of a payment are the PayeePaid logs of the same transaction and hashes between the previous
  // RevenuePaid of that transaction and this one.
  const partsByTransaction = new Map<Hex, typeof partLogs>();
  for (const log of partLogs) {
    const list = partsByTransaction.get(log.transactionHash) ?? [];
    list.push(log);
    partsByTransaction.set(log.transactionHash, list);
  }
  const ordered = [...paidLogs].sort((a, b) =>
    a.blockNumber !== b.blockNumber ? (a.blockNumber < b.blockNumber ? -1 : 1) : a.logIndex - b.logIndex,
  );
  const previousIndex = new Map<Hex, number>();
  return ordered.map((log) => {
    const after = previousIndex.get(log.transactionHash) ?? -1;
    previousIndex.set(log.transactionHash, log.logIndex);
    const payouts = (partsByTransaction.get(log.transactionHash) ?? [])
      .filter(
        (part) =>
          part.logIndex > after &&
          part.logIndex < log.logIndex &&
          part.args.termsHash === log.args.termsHash &&
          part.args.statementHash === log.args.statementHash,
      )
      .sort((a, b) => a.logIndex - b.logIndex)
      .map((part) => ({ payee: part.args.payee, amount: part.args.amount }));
    return {
      termsHash: log.args.termsHash,
      payer: log.args.payer,
      statementHash: log.args.statementHash,
      licensor: log.args.licensor,
      amount: log.args.amount,
      payouts,
      blockNumber: log.blockNumber,
      transactionHash: log.transactionHash,
      logIndex: log.logIndex,
    };
  });
}
