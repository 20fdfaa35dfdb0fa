import type { Address, Hex } from "viem";

/** What the ledger knows about one payment line; the latest entry per key wins. */
export type PaymentLedgerEntry = {
  /** statement hash + obligation id + payee (see `paymentLineKey`). */
  key: string;
  statementHash: Hex;
  obligationId: string;
  payee: Address;
  /** Base units, decimal string. */
  amount: string;
  chainId: number;
  /**
   * `pending`: sent, not yet confirmed (the next run re-checks its receipt);
   * `confirmed`: mined successfully with the wanted confirmations — never sent again;
   * `failed`: reverted or dropped — the next run sends it again.
   */
  status: "pending" | "confirmed" | "failed";
  transactionHash?: Hex;
  /** Decimal string. */
  blockNumber?: string;
  /** ISO 8601 time of the entry. */
  at: string;
  reason?: string;
};

/**
 * Where a payment run remembers what it sent. `omrl/node` has a JSON-lines file ledger
 * (`openFileLedger`); `createMemoryLedger` is for tests and for callers that keep state elsewhere.
 */
export interface PaymentLedger {
  /** The latest entry for each key. */
  load(): Promise<Map<string, PaymentLedgerEntry>>;
  /** Records an entry durably before returning. */
  append(entry: PaymentLedgerEntry): Promise<void>;
}

/**
 * A ledger held in memory.
 *
 * @example
 * const ledger = createMemoryLedger();
 * await sendPayments({ plan, walletClient, publicClient, ledger });
 */
export function createMemoryLedger(initial: PaymentLedgerEntry[] = []): PaymentLedger & { entries: PaymentLedgerEntry[] } {
  const entries = [...initial];
  return {
    entries,
    async load() {
      return latestByKey(entries);
    },
    async append(entry) {
      entries.push(entry);
    },
  };
}

/** The latest entry for each key, in first-seen key order. */
export function latestByKey(entries: Iterable<PaymentLedgerEntry>): Map<string, PaymentLedgerEntry> {
  const map = new Map<string, PaymentLedgerEntry>();
  for (const entry of entries) map.set(entry.key, entry);
  return map;
}
