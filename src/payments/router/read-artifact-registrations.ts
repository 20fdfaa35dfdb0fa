import { getAbiItem, type Address, type Hex, type PublicClient } from "viem";
import { omrlRouterAbi } from "./abi.js";
import type { Bytes32, MinedBlock } from "./types.js";
import { assertBytes32, checkedAddress } from "./validate.js";

export type ReadArtifactRegistrationsParameters = {
  publicClient: PublicClient;
  router: Address;
  /** A weights digest. */
  digest: Bytes32;
  fromBlock: MinedBlock;
  toBlock: MinedBlock;
};

/** Every registration of one weights digest, first one first. */
export type ArtifactRegistration = {
  digest: Bytes32;
  termsHash: Bytes32;
  licensor: Address;
  /** Who registered the digest first (equal to `licensor` for the first registration). */
  firstLicensor: Address;
  /** `true` when registered by someone other than the first registrant: a possible re-upload
   * of another's weights under new terms. */
  byAnotherLicensor: boolean;
  blockNumber: bigint;
  transactionHash: Hex;
  logIndex: number;
};

export type ReadArtifactRegistrationsReturnType = ArtifactRegistration[];

/**
 * The history of a weights digest on a router: the `ArtifactFirstRegistered` event and every
 * later `ArtifactReRegistered`, so a hub or an auditor can see who else registered the same
 * weights under their own terms.
 *
 * @example
 * const history = await readArtifactRegistrations({ publicClient, router, digest, fromBlock: 0n, toBlock: "latest" });
 * const suspicious = history.filter((entry) => entry.byAnotherLicensor);
 */
export async function readArtifactRegistrations(
  parameters: ReadArtifactRegistrationsParameters,
): Promise<ReadArtifactRegistrationsReturnType> {
  const { publicClient, digest, fromBlock, toBlock } = parameters;
  const address = checkedAddress(parameters.router, "router");
  assertBytes32(digest, "digest");
  const [firstLogs, laterLogs] = await Promise.all([
    publicClient.getLogs({
      address,
      event: getAbiItem({ abi: omrlRouterAbi, name: "ArtifactFirstRegistered" }),
      args: { digest },
      strict: true,
      fromBlock,
      toBlock,
    }),
    publicClient.getLogs({
      address,
      event: getAbiItem({ abi: omrlRouterAbi, name: "ArtifactReRegistered" }),
      args: { digest },
      strict: true,
      fromBlock,
      toBlock,
    }),
  ]);
  const entries = [
    ...firstLogs.map((log) => ({ ...log, firstLicensor: log.args.licensor })),
    ...laterLogs.map((log) => ({ ...log, firstLicensor: log.args.firstLicensor })),
  ].map((log) => ({
    digest: log.args.digest,
    termsHash: log.args.termsHash,
    licensor: log.args.licensor,
    firstLicensor: log.firstLicensor,
    byAnotherLicensor: log.firstLicensor.toLowerCase() !== log.args.licensor.toLowerCase(),
    blockNumber: log.blockNumber,
    transactionHash: log.transactionHash,
    logIndex: log.logIndex,
  }));
  return entries.sort((a, b) =>
    a.blockNumber !== b.blockNumber ? (a.blockNumber < b.blockNumber ? -1 : 1) : a.logIndex - b.logIndex,
  );
}
