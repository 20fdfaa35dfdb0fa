import { erc20Abi, parseEventLogs, type Address, type Hex } from "viem";
import { InvalidInputError } from "../../errors.js";
import { omrlRouterAbi } from "./abi.js";
import { MissingAccountError } from "./errors.js";
import { readRegistration } from "./read-registration.js";
import { sendContractCall } from "./send.js";
import type { Bytes32, RouterTransactionResult, RouterWriteClients } from "./types.js";
import { assertBytes32, checkedAddress } from "./validate.js";

export type PayViaRouterParameters = RouterWriteClients & {
  router: Address;
  termsHash: Bytes32;
  /** Hash of the statement being paid; it is what reconciliation matches `RevenuePaid` on. */
  statementHash: Bytes32;
  /** Token base units (bigint, exact). */
  amount: bigint;
  /**
   * Approve the router for the missing allowance first (default `true`; the approval is for
   * exactly what is missing, never unlimited). With `false` the allowance must already suffice.
   */
  approve?: boolean;
  confirmations?: number;
};

export type PayViaRouterReturnType = RouterTransactionResult & {
  /** The approval sent first, when one was needed. */
  approvalTransactionHash?: Hex;
  token: Address;
  /** What each payee received, decoded from the receipt's `PayeePaid` logs (zero parts omitted). */
  payouts: { payee: Address; amount: bigint }[];
};

/**
 * Pays `amount` of the terms' token for one statement through the router, which splits it
 * among the registered payees cumulatively — exactly `splitCumulative(amount, shares)` — and
 * emits `RevenuePaid(termsHash, payer, statementHash, amount)`.
 *
 * @example
 * const { payouts } = await payViaRouter({
 *   walletClient, publicClient, router, termsHash, statementHash, amount: 1_234_567n,
 * });
 */
export async function payViaRouter(parameters: PayViaRouterParameters): Promise<PayViaRouterReturnType> {
  const { walletClient, publicClient, termsHash, statementHash, amount, approve = true, confirmations } = parameters;
  const router = checkedAddress(parameters.router, "router");
  assertBytes32(termsHash, "termsHash");
  assertBytes32(statementHash, "statementHash");
  if (amount <= 0n) throw new InvalidInputError(`the amount to pay must be positive, got ${amount}`);
  const account = walletClient.account;
  if (!account) throw new MissingAccountError();

  const registration = await readRegistration({ publicClient, router, termsHash });
  if (!registration)
    throw new InvalidInputError(`terms ${termsHash} are not registered on router ${router}`, {
      docsPath: "/docs/contracts.md#pay",
    });
  const { token } = registration;

  let approvalTransactionHash: Hex | undefined;
  if (approve) {
    const allowance = await publicClient.readContract({
      address: token,
      abi: erc20Abi,
      functionName: "allowance",
      args: [account.address, router],
    });
    if (allowance < amount) {
      // ERC-20 `approve` sets (not adds), so the new allowance is the full amount.
      ({ transactionHash: approvalTransactionHash } = await sendContractCall(parameters, {
        address: token,
        abi: erc20Abi,
        functionName: "approve",
        args: [router, amount],
        action: "token approval",
        confirmations,
      }));
    }
  }

  const { transactionHash, blockNumber, receipt } = await sendContractCall(parameters, {
    address: router,
    abi: omrlRouterAbi,
    functionName: "pay",
    args: [termsHash, statementHash, amount],
    action: "pay",
    confirmations,
  });
  const payouts = parseEventLogs({ abi: omrlRouterAbi, eventName: "PayeePaid", logs: receipt.logs })
    .filter((log) => log.address.toLowerCase() === router.toLowerCase())
    .map((log) => ({ payee: log.args.payee, amount: log.args.amount }));
  return {
    transactionHash,
    blockNumber,
    token,
    payouts,
    ...(approvalTransactionHash ? { approvalTransactionHash } : {}),
  };
}
