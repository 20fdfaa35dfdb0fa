import type { Address } from "viem";
import { omrlRouterAbi } from "./abi.js";
import { sendContractCall } from "./send.js";
import type { Bytes32, RouterPayee, RouterTransactionResult, RouterWriteClients } from "./types.js";
import { assertBytes32, checkDigests, checkedAddress, encodeSplit } from "./validate.js";

export type UpdateTermsParameters = RouterWriteClients & {
  router: Address;
  termsHash: Bytes32;
  /** The new split, replacing the old one entirely. */
  payees: readonly RouterPayee[];
  /** More weights digests to record under these terms (existing ones stay). */
  addedArtifactDigests?: readonly Bytes32[];
  confirmations?: number;
};

export type UpdateTermsReturnType = RouterTransactionResult;

/**
 * Replaces the split of terms the wallet's account registered (the contract reverts
 * with `NotLicensor` for anyone else) and bumps the registration's version. Each update emits
 * `TermsUpdated`, so the history of a split is public. The token cannot change: it is fixed per
 * terms hash (the terms name it), so every `RevenuePaid` amount under a hash is in one token.
 *
 * @example
 * await updateTerms({ walletClient, publicClient, router, termsHash,
 *   payees: [{ account: newTreasury, sharePpm: 1_000_000n }] });
 */
export async function updateTerms(parameters: UpdateTermsParameters): Promise<UpdateTermsReturnType> {
  const { router, termsHash, payees, addedArtifactDigests = [], confirmations } = parameters;
  assertBytes32(termsHash, "termsHash");
  const { accounts, sharesPpm } = encodeSplit(payees);
  const { transactionHash, blockNumber } = await sendContractCall(parameters, {
    address: checkedAddress(router, "router"),
    abi: omrlRouterAbi,
    functionName: "update",
    args: [termsHash, accounts, sharesPpm, checkDigests(addedArtifactDigests)],
    action: "update",
    confirmations,
  });
  return { transactionHash, blockNumber };
}
