import { getAddress, numberToHex, type Address, type Hex } from "viem";
import { InvalidSafeBatchError } from "./errors.js";
import type { PaymentPlan } from "./plan.js";

/** An EIP-5792 `wallet_sendCalls` request (version 2.0.0 of the EIP). */
export type WalletSendCallsRequest = {
  method: "wallet_sendCalls";
  params: [
    {
      version: "2.0.0";
      chainId: Hex;
      from: Address;
      /** All or nothing: a wallet that cannot execute the calls atomically must refuse. */
      atomicRequired: boolean;
      calls: { to: Address; data: Hex; value: Hex }[];
    },
  ];
};

export type ToWalletSendCallsParameters = {
  from: Address;
  /** The chain whose lines to send (default: the plan's only chain). */
  chainId?: number;
  /** Default true: half a payment run is worse than none. */
  atomicRequired?: boolean;
};

/**
 * The plan's calls on one chain as an EIP-5792 `wallet_sendCalls` request, ready for
 * `provider.request(...)` or viem's `walletClient.sendCalls`.
 *
 * @example
 * const request = toWalletSendCalls(plan, { from: "0x…" });
 * await window.ethereum.request(request);
 */
export function toWalletSendCalls(plan: PaymentPlan, parameters: ToWalletSendCallsParameters): WalletSendCallsRequest {
  const chains = [...new Set(plan.batches.map((b) => b.chainId))];
  if (parameters.chainId === undefined && chains.length > 1)
    throw new InvalidSafeBatchError(`the plan spans chains ${chains.join(", ")}; pick one (a call batch is for one chain)`);
  const chainId = parameters.chainId ?? chains[0];
  if (chainId === undefined) throw new InvalidSafeBatchError("the plan has nothing to pay");
  const calls = plan.batches
    .filter((b) => b.chainId === chainId)
    .flatMap((b) => b.lines)
    .map((line) => ({ to: line.to, data: line.data, value: "0x0" as Hex }));
  return {
    method: "wallet_sendCalls",
    params: [
      {
        version: "2.0.0",
        chainId: numberToHex(chainId),
        from: getAddress(parameters.from),
        atomicRequired: parameters.atomicRequired ?? true,
        calls,
      },
    ],
  };
}
