import { erc20Abi, getAbiItem, getAddress, type Address, type Chain, type Hex, type PublicClient, type Transport } from "viem";
import { readRouterPayments } from "./router/index.js";
import { PaymentSetupError } from "./errors.js";
import { getLogsChunked } from "./get-logs-chunked.js";
import { parseStatementForPayment, type ParsedStatement, type ParseStatementOptions } from "./statement.js";

/** How one payee's part of one obligation stands on chain. */
export type ReconcileStatus = "paid" | "underpaid" | "overpaid" | "unpaid" | "pending";

/** One on-chain payment (or the part of one) credited to a line. */
export type ObservedPayment = {
  via: "transfer" | "router";
  transactionHash: Hex;
  blockNumber: bigint;
  logIndex: number;
  /** The part of the payment credited to this line (a payment can be split between lines). */
  amount: bigint;
  confirmations: bigint;
};

export type ReconciledLine = {
  obligationId: string;
  payee: Address;
  token: Address;
  symbol: string;
  decimals: number;
  dueDate: string;
  expected: bigint;
  /** Credited with at least `confirmations` confirmations. */
  paid: bigint;
  /** Credited but not yet confirmed enough. */
  pending: bigint;
  status: ReconcileStatus;
  /** Unpaid or underpaid after the due date (UTC). */
  overdue: boolean;
  payments: ObservedPayment[];
};

export type ReconcileStatementParameters = ParseStatementOptions & {
  statement: unknown;
  publicClient: PublicClient<Transport, Chain | undefined>;
  /** Whose payments count; default the statement's licensee. */
  payer?: Address;
  fromBlock?: bigint;
  /** Default: the current head. */
  toBlock?: bigint;
  /** A payment counts as paid once it has this many confirmations (default 1: mined). */
  confirmations?: number;
  /** Blocks per `eth_getLogs` request (default 2,000; halved on "range too large" errors). */
  chunkSize?: bigint;
  /** "Today" for overdue checks (default the current time). */
  now?: Date;
};

export type ReconcileStatementReturnType = {
  statementHash: Hex;
  chainId: number;
  payer: Address;
  head: bigint;
  fromBlock: bigint;
  toBlock: bigint;
  confirmations: number;
  lines: ReconciledLine[];
  /** Obligations not checked: exempt, zero, or on another chain than the RPC. */
  skipped: { obligationId: string; reason: "exempt" | "zero" | "other-chain" }[];
  /** Payments from the payer to a payee in the range that no line needed (kept for audit). */
  unmatched: (ObservedPayment & { payee: Address })[];
  counts: Record<ReconcileStatus, number> & { overdue: number };
  /** True when nothing is overdue. */
  ok: boolean;
};

export type Candidate = ObservedPayment & { payee: Address; remaining: bigint };
/** A line and the payment groups that can credit it (its router's payouts, then direct transfers). */
export type LineWork = ReconciledLine & { groups: string[] };

/**
 * Checks a statement against the chain: reads the token `Transfer` logs from the payer to the
 * payees and the router's `RevenuePaid`/`PayeePaid` events for this statement hash, in block-range
 * chunks, and says per obligation and payee whether it is paid, underpaid, overpaid, unpaid or
 * pending (mined but short of `confirmations`). Nothing is cached: every run re-reads the logs,
 * so a payment that a reorg removed is no longer counted.
 *
 * Router payouts are credited first, to the lines of their terms hash; direct transfers then
 * fill what is left, so an obligation with a router may also be paid by plain transfers.
 * Allocation, when a payee is owed in several obligations of the same token (or the same terms
 * through the router): first, each payment (in chain order) settles the first line, in statement
 * order, that has nothing yet and whose amount it equals exactly; then the remaining payments fill
 * the remaining lines in statement order, a payment splitting across lines where needed; what is
 * left after every line is full is credited to the payee's last line (overpaid).
 *
 * @example
 * const report = await reconcileStatement({ statement, publicClient, fromBlock: 19_000_000n, confirmations: 12 });
 * report.ok // false when something is unpaid past its due date
 */
export async function reconcileStatement(parameters: ReconcileStatementParameters): Promise<ReconcileStatementReturnType> {
  const { publicClient, confirmations = 1, chunkSize = 2_000n, now = new Date(), fromBlock = 0n } = parameters;
  if (!Number.isInteger(confirmations) || confirmations < 1)
    throw new PaymentSetupError(`confirmations must be an integer ≥ 1, got ${confirmations}`);
  const parsed: ParsedStatement = parseStatementForPayment(parameters.statement, parameters);
  const payer = getAddress(parameters.payer ?? parsed.payer);
  const chainId = await publicClient.getChainId();
  const head = await publicClient.getBlockNumber();
  const toBlock = parameters.toBlock ?? head;
  const confirmationsOf = (blockNumber: bigint) => head - blockNumber + 1n;
  const today = now.toISOString().slice(0, 10);

  const skipped: ReconcileStatementReturnType["skipped"] = [];
  const lines: LineWork[] = [];
  for (const o of parsed.obligations) {
    if (o.exempt) skipped.push({ obligationId: o.id, reason: "exempt" });
    else if (o.amount === 0n) skipped.push({ obligationId: o.id, reason: "zero" });
    else if (o.chainId !== chainId) skipped.push({ obligationId: o.id, reason: "other-chain" });
    else
      for (const p of o.payees) {
        if (p.amount === 0n) continue;
        lines.push({
          groups: [
            ...(o.router ? [groupKey(`router:${o.router}:${o.termsHash}`, p.account)] : []),
            groupKey(`token:${o.token}`, p.account),
          ],
          obligationId: o.id,
          payee: p.account,
          token: o.token,
          symbol: o.symbol,
          decimals: o.decimals,
          dueDate: o.dueDate,
          expected: p.amount,
          paid: 0n,
          pending: 0n,
          status: "unpaid",
          overdue: false,
          payments: [],
        });
      }
  }

  if (lines.length === 0 && skipped.some((x) => x.reason === "other-chain"))
    throw new PaymentSetupError(`nothing in this statement is paid on chain ${chainId} (the RPC's chain)`, {
      details: `Obligations pay on ${[...new Set(parsed.obligations.map((o) => `eip155:${o.chainId}`))].join(", ")}.`,
    });

  const candidates = new Map<string, Candidate[]>();
  const add = (group: string, candidate: Candidate) => {
    const list = candidates.get(group) ?? [];
    list.push(candidate);
    candidates.set(group, list);
  };

  // Direct transfers, per token, from the payer to that token's payees.
  const directPayees = new Map<Address, Set<Address>>();
  const routedTerms = new Map<Address, Set<Hex>>();
  for (const o of parsed.obligations) {
    if (o.exempt || o.amount === 0n || o.chainId !== chainId) continue;
    if (o.router) {
      const set = routedTerms.get(o.router) ?? new Set<Hex>();
      set.add(o.termsHash.toLowerCase() as Hex);
      routedTerms.set(o.router, set);
    }
    // With or without a router, a direct transfer from the payer counts too.
    const set = directPayees.get(o.token) ?? new Set<Address>();
    for (const p of o.payees) set.add(p.account);
    directPayees.set(o.token, set);
  }
  const transferEvent = getAbiItem({ abi: erc20Abi, name: "Transfer" });
  for (const [token, payees] of directPayees) {
    const payeeList = [...payees];
    const logs = await getLogsChunked({
      fromBlock,
      toBlock,
      chunkSize,
      read: (from, to) =>
        publicClient.getLogs({
          address: token,
          event: transferEvent,
          // Many payees: filter on the node by sender only, and by recipient here.
          args: payeeList.length <= 50 ? { from: payer, to: payeeList } : { from: payer },
          strict: true,
          fromBlock: from,
          toBlock: to,
        }),
    });
    for (const log of logs) {
      const to = getAddress(log.args.to);
      if (!payees.has(to)) continue;
      add(groupKey(`token:${token}`, to), {
        via: "transfer",
        payee: to,
        transactionHash: log.transactionHash,
        blockNumber: log.blockNumber,
        logIndex: log.logIndex,
        amount: log.args.value,
        remaining: log.args.value,
        confirmations: confirmationsOf(log.blockNumber),
      });
    }
  }

  // Router payments of this statement by this payer; each payee part credits the terms' lines.
  for (const [router, terms] of routedTerms) {
    const payments = await getLogsChunked({
      fromBlock,
      toBlock,
      chunkSize,
      read: (from, to) =>
        readRouterPayments({
          publicClient: publicClient as PublicClient,
          router,
          statementHash: parsed.statementHash,
          payer,
          fromBlock: from,
          toBlock: to,
        }),
    });
    for (const payment of payments) {
      if (!terms.has(payment.termsHash.toLowerCase() as Hex)) continue;
      for (const payout of payment.payouts) {
        add(groupKey(`router:${router}:${payment.termsHash}`, payout.payee), {
          via: "router",
          payee: getAddress(payout.payee),
          transactionHash: payment.transactionHash,
          blockNumber: payment.blockNumber,
          logIndex: payment.logIndex,
          amount: payout.amount,
          remaining: payout.amount,
          confirmations: confirmationsOf(payment.blockNumber),
        });
      }
    }
  }

  const unmatched: ReconcileStatementReturnType["unmatched"] = [];
  const byGroup = new Map<string, LineWork[]>();
  for (const line of lines)
    for (const group of line.groups) {
      const list = byGroup.get(group) ?? [];
      list.push(line);
      byGroup.set(group, list);
    }
  // Router payouts first (they name their statement and terms), then direct transfers.
  const ordered = [...candidates].sort(([a], [b]) => Number(b.startsWith("router:")) - Number(a.startsWith("router:")));
  for (const [group, payments] of ordered) {
    const groupLines = byGroup.get(group) ?? [];
    payments.sort((a, b) => (a.blockNumber !== b.blockNumber ? (a.blockNumber < b.blockNumber ? -1 : 1) : a.logIndex - b.logIndex));
    allocatePayments(groupLines, payments, BigInt(confirmations));
    for (const p of payments)
      if (p.remaining > 0n) {
        const { remaining, ...rest } = p;
        unmatched.push({ ...rest, amount: remaining });
      }
  }

  const counts = { paid: 0, underpaid: 0, overpaid: 0, unpaid: 0, pending: 0, overdue: 0 };
  const result: ReconciledLine[] = lines.map(({ groups: _groups, ...line }) => {
    const status: ReconcileStatus =
      line.paid === line.expected
        ? "paid"
        : line.paid > line.expected
          ? "overpaid"
          : line.pending > 0n
            ? "pending"
            : line.paid > 0n
              ? "underpaid"
              : "unpaid";
    const overdue = (status === "unpaid" || status === "underpaid") && today > line.dueDate;
    counts[status] += 1;
    if (overdue) counts.overdue += 1;
    return { ...line, status, overdue };
  });
  return {
    statementHash: parsed.statementHash,
    chainId,
    payer,
    head,
    fromBlock,
    toBlock,
    confirmations,
    lines: result,
    skipped,
    unmatched,
    counts,
    ok: counts.overdue === 0,
  };
}

function groupKey(source: string, payee: Address): string {
  return `${source.toLowerCase()}|${payee.toLowerCase()}`;
}

function credit(line: LineWork, payment: Candidate, amount: bigint, confirmations: bigint): void {
  payment.remaining -= amount;
  const { remaining: _r, payee: _p, ...rest } = payment;
  line.payments.push({ ...rest, amount });
  if (payment.confirmations >= confirmations) line.paid += amount;
  else line.pending += amount;
}

/** The deterministic allocation documented on `reconcileStatement` (exported for its tests, not from the package). */
export function allocatePayments(lines: LineWork[], payments: Candidate[], confirmations: bigint): void {
  if (lines.length === 0) return;
  const credited = (line: LineWork) => line.paid + line.pending;
  // 1. Exact matches, in chain order, to the first untouched line of that amount.
  for (const payment of payments) {
    const line = lines.find((l) => credited(l) === 0n && l.expected === payment.amount);
    if (line) credit(line, payment, payment.amount, confirmations);
  }
  // 2. The rest fills lines in statement order.
  for (const payment of payments) {
    for (const line of lines) {
      if (payment.remaining === 0n) break;
      const room = line.expected - credited(line);
      if (room <= 0n) continue;
      credit(line, payment, payment.remaining < room ? payment.remaining : room, confirmations);
    }
  }
  // 3. Excess: the payee's last line is overpaid.
  const last = lines[lines.length - 1]!;
  for (const payment of payments) if (payment.remaining > 0n) credit(last, payment, payment.remaining, confirmations);
}
