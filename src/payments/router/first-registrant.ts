import { zeroAddress, type Address, type PublicClient } from "viem";
import { omrlRouterAbi } from "./abi.js";
import type { Bytes32 } from "./types.js";
import { assertBytes32, checkedAddress } from "./validate.js";

export type FirstRegistrantParameters = {
  publicClient: PublicClient;
  router: Address;
  /** A weights digest (sha256 over the tensor data only). */
  digest: Bytes32;
};

/** Who registered the digest first and under which terms, or `null` if nobody has. */
export type FirstRegistrantReturnType = { licensor: Address; termsHash: Bytes32 } | null;

/**
 * Looks up the first registrant of a weights digest. A licensor about to register terms for a
 * release can call it to see whether the same weights are already claimed by someone else.
 *
 * @example
 * const first = await firstRegistrant({ publicClient, router, digest });
 * if (first && first.licensor !== me) console.warn(`weights first registered by ${first.licensor}`);
 */
export async function firstRegistrant(parameters: FirstRegistrantParameters): Promise<FirstRegistrantReturnType> {
  const { publicClient, digest } = parameters;
  assertBytes32(digest, "digest");
  const [licensor, termsHash] = await publicClient.readContract({
    address: checkedAddress(parameters.router, "router"),
    abi: omrlRouterAbi,
    functionName: "firstRegistrant",
    args: [digest],
  });
  return licensor === zeroAddress ? null : { licensor, termsHash };
}
