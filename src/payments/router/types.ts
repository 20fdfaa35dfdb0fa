import type { Address, Hex, PublicClient, WalletClient } from "viem";

/** A 32-byte value as 0x-prefixed hex: a terms hash, a statement hash or a weights digest. */
export type Bytes32 = Hex;

/** One payee of a router registration. `sharePpm` is in parts per million (1_000_000n = 100 %). */
export type RouterPayee = { account: Address; sharePpm: bigint };

/** Clients for an action that sends a transaction. */
export type RouterWriteClients = {
  /** Signs and sends; must carry an `account`. */
  walletClient: WalletClient;
  /** Simulates first (so a revert is decoded before any gas is spent) and waits for receipts. */
  publicClient: PublicClient;
};

/** What a sent router transaction returns. */
export type RouterTransactionResult = {
  transactionHash: Hex;
  blockNumber: bigint;
};

/** A registration as the router holds it. */
export type RouterRegistration = {
  termsHash: Bytes32;
  licensor: Address;
  token: Address;
  /** 0 at registration, +1 per `update`. */
  version: number;
  payees: RouterPayee[];
  /** Weights digests recorded under these terms, in order. */
  artifactDigests: Bytes32[];
};

/** A block number or a tag of a mined block (not "pending": its logs have no position yet). */
export type MinedBlock = bigint | "earliest" | "latest" | "safe" | "finalized";
