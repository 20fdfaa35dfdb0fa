import { BaseError } from "viem";

export type GetLogsChunkedParameters<T> = {
  fromBlock: bigint;
  toBlock: bigint;
  /** Blocks per request (default 2,000, a common provider limit). */
  chunkSize?: bigint;
  /** Reads one inclusive block range. */
  read: (fromBlock: bigint, toBlock: bigint) => Promise<T[]>;
};

/** Messages and codes providers use for "this query is too big" (Alchemy, Infura, QuickNode, geth, Erigon…). */
const RANGE_ERROR =
  /block range|range (is )?too (large|wide|big)|too many (blocks|results|logs)|exceed(s|ed)? .*(limit|range|max)|limit exceeded|query returned more than|response size|max(imum)? .*(block|results|range)|-32005/i;

/** True when an RPC error says the block range (or result set) was too large. */
export function isRangeTooLargeError(error: unknown): boolean {
  const texts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 8; depth++) {
    if (current instanceof BaseError) texts.push(current.shortMessage, current.details ?? "");
    if (current instanceof Error) texts.push(current.message);
    const code = (current as { code?: unknown }).code;
    if (code === -32005) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return texts.some((text) => RANGE_ERROR.test(text));
}

/**
 * Reads logs over `[fromBlock, toBlock]` in chunks of at most `chunkSize` blocks, in order. When
 * the RPC refuses a range as too large, the chunk is halved and the same range retried, down to a
 * single block; other errors propagate.
 *
 * @example
 * const logs = await getLogsChunked({ fromBlock: 0n, toBlock: head, read: (from, to) => client.getLogs({ …, fromBlock: from, toBlock: to }) });
 */
export async function getLogsChunked<T>(parameters: GetLogsChunkedParameters<T>): Promise<T[]> {
  const { fromBlock, toBlock, read } = parameters;
  let size = parameters.chunkSize ?? 2_000n;
  if (size < 1n) throw new RangeError("chunkSize must be at least 1");
  const out: T[] = [];
  let start = fromBlock;
  while (start <= toBlock) {
    const end = start + size - 1n < toBlock ? start + size - 1n : toBlock;
    try {
      out.push(...(await read(start, end)));
      start = end + 1n;
    } catch (error) {
      if (!isRangeTooLargeError(error) || size === 1n) throw error;
      size = size / 2n > 0n ? size / 2n : 1n;
    }
  }
  return out;
}
