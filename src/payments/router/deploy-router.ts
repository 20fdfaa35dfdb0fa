import { getAddress, type Address } from "viem";
import { omrlRouterAbi, omrlRouterBytecode } from "./abi.js";
import { MissingAccountError, RouterTransactionRevertedError } from "./errors.js";
import type { RouterTransactionResult, RouterWriteClients } from "./types.js";

export type DeployRouterParameters = RouterWriteClients & {
  /** Blocks to wait for (default 1). */
  confirmations?: number;
};

export type DeployRouterReturnType = RouterTransactionResult & { address: Address };

/**
 * Deploys a new OMRLRouter (the shipped bytecode from `contracts/artifacts/OMRLRouter.json`).
 * The router has no owner and no constructor arguments: anyone may deploy one, and every
 * deployment behaves identically.
 *
 * @example
 * const { address } = await deployRouter({ walletClient, publicClient });
 */
export async function deployRouter(parameters: DeployRouterParameters): Promise<DeployRouterReturnType> {
  const { walletClient, publicClient, confirmations = 1 } = parameters;
  const account = walletClient.account;
  if (!account) throw new MissingAccountError();
  const transactionHash = await walletClient.deployContract({
    abi: omrlRouterAbi,
    bytecode: omrlRouterBytecode,
    account,
    chain: walletClient.chain ?? null,
  });
  const receipt = await publicClient.waitForTransactionReceipt({ hash: transactionHash, confirmations });
  if (receipt.status !== "success" || !receipt.contractAddress)
    throw new RouterTransactionRevertedError("deployment", transactionHash);
  return { address: getAddress(receipt.contractAddress), transactionHash, blockNumber: receipt.blockNumber };
}
