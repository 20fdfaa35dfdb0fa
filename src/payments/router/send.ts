import type { Abi, ContractFunctionArgs, ContractFunctionName } from "viem";
import { MissingAccountError, RouterTransactionRevertedError } from "./errors.js";
import type { RouterTransactionResult, RouterWriteClients } from "./types.js";

/**
 * Simulates, sends and waits for one contract call. Simulating first turns a revert into viem's
 * decoded `ContractFunctionExecutionError` (with the contract's custom error name) before any gas
 * is spent.
 */
export async function sendContractCall<
  const abi extends Abi,
  functionName extends ContractFunctionName<abi, "nonpayable" | "payable">,
>(
  clients: RouterWriteClients,
  call: {
    address: `0x${string}`;
    abi: abi;
    functionName: functionName;
    args: ContractFunctionArgs<abi, "nonpayable" | "payable", functionName>;
    action: string;
    confirmations?: number | undefined;
    /** Bytes appended to the calldata (an OMRL payment reference). */
    dataSuffix?: `0x${string}` | undefined;
  },
): Promise<RouterTransactionResult & { receipt: Awaited<ReturnType<RouterWriteClients["publicClient"]["waitForTransactionReceipt"]>> }> {
  const { walletClient, publicClient } = clients;
  const account = walletClient.account;
  if (!account) throw new MissingAccountError();
  // The generic plumbing of viem's simulate/write types does not survive a generic wrapper;
  // the public actions keep their typed arguments, so the casts stay inside this file.
  const { request } = await publicClient.simulateContract({
    account,
    address: call.address,
    abi: call.abi as Abi,
    functionName: call.functionName as string,
    args: call.args as readonly unknown[],
    ...(call.dataSuffix ? { dataSuffix: call.dataSuffix } : {}),
  });
  const transactionHash = await walletClient.writeContract({ ...request, chain: walletClient.chain ?? null } as never);
  const receipt = await publicClient.waitForTransactionReceipt({
    hash: transactionHash,
    confirmations: call.confirmations ?? 1,
  });
  if (receipt.status !== "success") throw new RouterTransactionRevertedError(call.action, transactionHash);
  return { transactionHash, blockNumber: receipt.blockNumber, receipt };
}
