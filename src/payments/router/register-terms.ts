import type { Address } from "viem";
import { omrlRouterAbi } from "./abi.js";
import { sendContractCall } from "./send.js";
import type { Bytes32, RouterPayee, RouterTransactionResult, RouterWriteClients } from "./types.js";
import { assertBytes32, checkDigests, checkedAddress, encodeSplit } from "./validate.js";

export type RegisterTermsParameters = RouterWriteClients & {
  router: Address;
  /** The terms hash (`hashTerms(terms)`): sha256 of the canonical `omrl.json` without signature. */
  termsHash: Bytes32;
  /** The ERC-20 that payments under these terms are made in. */
  token: Address;
  /** Payees in split order; shares in ppm summing to exactly 1_000_000n. */
  payees: readonly RouterPayee[];
  /** Weights digests of the release's artifacts; the router records who registered each first. */
  artifactDigests?: readonly Bytes32[];
  confirmations?: number;
};

export type RegisterTermsReturnType = RouterTransactionResult;

/**
 * Registers terms on a router with the wallet's account as licensor. The split is checked
 * locally first (non-empty, ≤ 100 payees, no zero or duplicate address, shares sum to 100 %).
 *
 * @example
 * await registerTerms({
 *   walletClient, publicClient, router, termsHash: hashTerms(terms), token: usdc,
 *   payees: [{ account: author, sharePpm: 700_000n }, { account: funders, sharePpm: 300_000n }],
 *   artifactDigests: [weightsDigest],
 * });
 */
export async function registerTerms(parameters: RegisterTermsParameters): Promise<RegisterTermsReturnType> {
  const { router, termsHash, token, payees, artifactDigests = [], confirmations } = parameters;
  assertBytes32(termsHash, "termsHash");
  const { accounts, sharesPpm } = encodeSplit(payees);
  const { transactionHash, blockNumber } = await sendContractCall(parameters, {
    address: checkedAddress(router, "router"),
    abi: omrlRouterAbi,
    functionName: "register",
    args: [termsHash, checkedAddress(token, "token"), accounts, sharesPpm, checkDigests(artifactDigests)],
    action: "register",
    confirmations,
  });
  return { transactionHash, blockNumber };
}
