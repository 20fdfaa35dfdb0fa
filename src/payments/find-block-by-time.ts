import type { Chain, PublicClient, Transport } from "viem";

export type FindBlockByTimeParameters = {
  publicClient: PublicClient<Transport, Chain | undefined>;
  /** Seconds since the epoch (UTC). */
  timestamp: bigint;
  /** The latest block to consider (default: the head). */
  head?: bigint;
};

/**
 * The first block whose timestamp is at or after `timestamp`, by binary search over block
 * timestamps (about log2(head) `eth_getBlockByNumber` calls); the head + 1 when every block is
 * older, 0 when the genesis block is already newer.
 *
 * @example
 * const fromBlock = await findBlockByTime({ publicClient, timestamp: BigInt(Date.parse("2026-07-01") / 1000) });
 */
export async function findBlockByTime(parameters: FindBlockByTimeParameters): Promise<bigint> {
  const { publicClient, timestamp } = parameters;
  const head = parameters.head ?? (await publicClient.getBlockNumber());
  const timeOf = async (blockNumber: bigint) => (await publicClient.getBlock({ blockNumber, includeTransactions: false })).timestamp;
  if ((await timeOf(head)) < timestamp) return head + 1n;
  let low = 0n;
  let high = head; // invariant: block `high` is at or after `timestamp`
  while (low < high) {
    const mid = (low + high) / 2n;
    if ((await timeOf(mid)) >= timestamp) high = mid;
    else low = mid + 1n;
  }
  return high;
}
