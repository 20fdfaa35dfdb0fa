import { erc20Abi, parseEventLogs, type Address, type Hex } from "viem";
import { InvalidInputError } from "../../errors.js";
import { omrlRouterAbi } from "./abi.js";
import { MissingAccountError } from "./errors.js";
import { encodePaymentReference, paymentLineHash } from "../reference.js";
import { checkRouterRegistration } from "./check-registration.js";
import { sendContractCall } from "./send.js";
import type { Bytes32, RouterPayee, RouterTransactionResult, RouterWriteClients } from "./types.js";
import { assertBytes32, checkedAddress } from "./validate.js";

export type PayViaRouterParameters = RouterWriteClients & {
  router: Address;
  termsHash: Bytes32;
  /** The licensor the signed terms name: registrations are keyed by terms hash and licensor. */
  licensor: Address;
  /** The terms' token and payees (shares in ppm): the registration must hold exactly these. */
  token: Address;
  payees: readonly RouterPayee[];
  /** Hash of the statement being paid; it is what reconciliation matches `RevenuePaid` on. */
  statementHash: Bytes32;
  /**
   * The statement's obligation id: appends the OMRL payment reference (statement hash and
   * `obligationId:router`) to the calldata so reconciliation attributes the payment exactly.
   */
  obligationId?: string;
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
 * emits `RevenuePaid(termsHash, payer, statementHash, licensor, amount)`. First checks that the
 * licensor's registration holds the terms' token and payees (`RouterRegistrationMismatchError`
 * otherwise, before anything is sent).
 *
 * @example
 * const { payouts } = await payViaRouter({
 *   walletClient, publicClient, router, termsHash, licensor, token, payees, statementHash, amount: 1_234_567n,
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

  const licensor = checkedAddress(parameters.licensor, "licensor");
  const { token } = await checkRouterRegistration({
    publicClient,
    router,
    expected: { termsHash, licensor, token: checkedAddress(parameters.token, "token"), payees: parameters.payees },
  });

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
    args: [termsHash, licensor, statementHash, amount],
    action: "pay",
    confirmations,
    dataSuffix:
      parameters.obligationId === undefined
        ? undefined
        : encodePaymentReference({ statementHash, lineHash: paymentLineHash(parameters.obligationId, router) }),
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
