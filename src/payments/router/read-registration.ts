import { zeroAddress, type Address, type BlockNumber, type BlockTag, type PublicClient } from "viem";
import { omrlRouterAbi } from "./abi.js";
import type { Bytes32, RouterRegistration } from "./types.js";
import { assertBytes32, checkedAddress } from "./validate.js";

export type ReadRegistrationParameters = {
  publicClient: PublicClient;
  router: Address;
  termsHash: Bytes32;
  /** Whose registration: registrations are keyed by terms hash and licensor (the terms name the licensor). */
  licensor: Address;
  /** Read at a past block (default: latest). */
  blockNumber?: BlockNumber;
  blockTag?: BlockTag;
};

/** The registration, or `null` when this licensor has not registered these terms on this router. */
export type ReadRegistrationReturnType = RouterRegistration | null;

/**
 * Reads what a router holds for a terms hash under one licensor: token, version, split and digests.
 *
 * @example
 * const registration = await readRegistration({ publicClient, router, termsHash, licensor });
 * registration?.payees // [{ account: "0x…", sharePpm: 700000n }, …]
 */
export async function readRegistration(parameters: ReadRegistrationParameters): Promise<ReadRegistrationReturnType> {
  const { publicClient, termsHash, blockNumber, blockTag } = parameters;
  assertBytes32(termsHash, "termsHash");
  const result = await publicClient.readContract({
    address: checkedAddress(parameters.router, "router"),
    abi: omrlRouterAbi,
    functionName: "getTerms",
    args: [termsHash, checkedAddress(parameters.licensor, "licensor")],
    ...(blockNumber !== undefined ? { blockNumber } : blockTag !== undefined ? { blockTag } : {}),
  });
  if (result.licensor === zeroAddress) return null;
  return {
    termsHash: termsHash.toLowerCase() as Bytes32,
    licensor: result.licensor,
    token: result.token,
    version: result.version,
    payees: result.payees.map((account, index) => ({ account, sharePpm: BigInt(result.sharesPpm[index] ?? 0) })),
    artifactDigests: [...result.artifactDigests],
  };
}
