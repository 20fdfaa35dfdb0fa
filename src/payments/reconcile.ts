import {
  erc20Abi,
  getAbiItem,
  getAddress,
  toFunctionSelector,
  type Address,
  type Chain,
  type Hex,
  type PublicClient,
  type Transport,
} from "viem";
import { omrlRouterAbi, readRouterPayments } from "./router/index.js";
import { findBlockByTime } from "./find-block-by-time.js";
import { findReferencedCalls, findReferencedTransfers, paymentLineHash } from "./reference.js";
import { PaymentSetupError } from "./errors.js";
import { getLogsChunked } from "./get-logs-chunked.js";
import { parseStatementForPayment, type ParsedStatement, type ParseStatementOptions } from "./statement.js";

/** How one payee's part of one obligation stands on chain. */
export type ReconcileStatus = "paid" | "underpaid" | "overpaid" | "unpaid" | "pending";

/**
 * How a payment was matched to its line: `reference` — an ERC-20 transfer whose calldata carries
 * this statement's reference for exactly this line; `router` — a router payout for this statement
 * (by its reference when the `pay` call carries one, else by terms hash); `amount` — an
 * unreferenced transfer (paid by another tool), matched by payee, amount and order.
 */
export type PaymentMatch = "reference" | "router" | "amount";

/** One on-chain payment (or the part of one) credited to a line. */
export type ObservedPayment = {
  via: "transfer" | "router";
  match: PaymentMatch;
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
  /** How the credited payments were matched, in order of first use (empty when nothing was). */
  matchedBy: PaymentMatch[];
  /** Unpaid or underpaid after the due date (UTC). */
  overdue: boolean;
  payments: ObservedPayment[];
};

export type ReconcileStatementParameters = ParseStatementOptions & {
  statement: unknown;
  publicClient: PublicClient<Transport, Chain | undefined>;
  /** Whose payments count; default the statement's licensee. */
  payer?: Address;
  /**
   * First block to read. Default: the first block at or after the statement's earliest period
   * start (found by a binary search over block timestamps), since nothing before can pay it.
   */
  fromBlock?: bigint;
  /** Default: the current head. */
  toBlock?: bigint;
  /** A payment counts as paid once it has this many confirmations (default 1: mined). */
  confirmations?: number;
  /** Blocks per `eth_getLogs` request (default 2,000; halved on "range too large" errors). */
  chunkSize?: bigint;
  /** "Today" for overdue checks (default the current time). */
  now?: Date;
  /** Transactions whose input is fetched at once (default 16; a transport with `batch: true` sends them as one JSON-RPC batch). */
  concurrency?: number;
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
  /** Transfers from the payer to a payee whose reference names another statement: never counted here. */
  otherStatements: { transactionHash: Hex; logIndex: number; payee: Address; amount: bigint; statementHash: Hex }[];
  /** RPC requests this reconciliation made, by method (for cost reports and benchmarks). */
  requests: { getLogs: number; getTransaction: number; getBlock: number };
  counts: Record<ReconcileStatus, number> & { overdue: number };
  /** True when nothing is overdue. */
  ok: boolean;
};

export type Candidate = ObservedPayment & { payee: Address; remaining: bigint };
/** Transfers and router payouts matched by reference go straight to their line. */
type Direct = { line: LineWork; candidate: Candidate };
/** A line and the payment groups that can credit it (its router's payouts, then direct transfers). */
export type LineWork = ReconciledLine & { groups: string[]; lineHash: Hex };

/**
 * Checks a statement against the chain: reads the token `Transfer` logs from the payer to the
 * payees and the router's `RevenuePaid`/`PayeePaid` events for this statement hash, in block-range
 * chunks, and says per obligation and payee whether it is paid, underpaid, overpaid, unpaid or
 * pending (mined but short of `confirmations`). Nothing is cached: every run re-reads the logs,
 * so a payment that a reorg removed is no longer counted.
 *
 * Referenced payments first: for every transfer from the payer to a payee, the transaction input
 * is read and the OMRL reference (see `encodePaymentReference`) after the matching
 * `transfer(payee, amount)` names the statement and line it pays — credited to exactly that line,
 * whatever the block range; a reference to another statement is never counted here
 * (`otherStatements`). Router payouts come next (by the reference in the `pay` call when present,
 * else to the lines of their terms hash); unreferenced transfers (paid by other tools) last, by
 * amount. Each credited payment says how it was matched (`match`), each line lists them
 * (`matchedBy`).
 *
 * Amount allocation, when a payee is owed in several obligations of the same token (or the same
 * terms through the router): first, each payment (in chain order) settles the first line, in
 * statement order, that has nothing yet and whose amount it equals exactly; then the remaining
 * payments fill the remaining lines in statement order, a payment splitting across lines where
 * needed; what is left after every line is full is credited to the payee's last line (overpaid).
 *
 * @example
 * const report = await reconcileStatement({ statement, publicClient, fromBlock: 19_000_000n, confirmations: 12 });
 * report.ok // false when something is unpaid past its due date
 */
export async function reconcileStatement(parameters: ReconcileStatementParameters): Promise<ReconcileStatementReturnType> {
  const { publicClient, confirmations = 1, chunkSize = 2_000n, now = new Date(), concurrency = 16 } = parameters;
  if (!Number.isInteger(confirmations) || confirmations < 1)
    throw new PaymentSetupError(`confirmations must be an integer ≥ 1, got ${confirmations}`);
  const parsed: ParsedStatement = parseStatementForPayment(parameters.statement, parameters);
  const payer = getAddress(parameters.payer ?? parsed.payer);
  const requests = { getLogs: 0, getTransaction: 0, getBlock: 0 };
  const chainId = await publicClient.getChainId();
  const head = await publicClient.getBlockNumber();
  const toBlock = parameters.toBlock ?? head;
  let fromBlock = parameters.fromBlock;
  if (fromBlock === undefined) {
    const starts = parsed.statement.obligations.map((o) => o.periodStart).filter((d) => typeof d === "string" && /^\d{4}-\d{2}-\d{2}$/.test(d));
    const earliest = starts.sort()[0];
    const counting = { ...publicClient, getBlock: (args: Parameters<typeof publicClient.getBlock>[0]) => ((requests.getBlock += 1), publicClient.getBlock(args)) };
    fromBlock =
      earliest === undefined
        ? 0n
        : await findBlockByTime({ publicClient: counting as typeof publicClient, timestamp: BigInt(Date.parse(`${earliest}T00:00:00Z`) / 1000), head });
  }
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
          lineHash: paymentLineHash(o.id, p.account),
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
          matchedBy: [],
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
  const lineByRef = new Map<string, LineWork>();
  for (const line of lines) lineByRef.set(`${line.token.toLowerCase()}|${line.lineHash}`, line);
  const direct: Direct[] = [];
  const otherStatements: ReconcileStatementReturnType["otherStatements"] = [];
  const unmatched: ReconcileStatementReturnType["unmatched"] = [];
  const ourHash = parsed.statementHash.toLowerCase();
  const inputs = new Map<Hex, Promise<Hex>>();
  /** The input of a transaction, fetched once, at most `concurrency` at a time. */
  const inputOf = async (hashes: Hex[]): Promise<Map<Hex, Hex>> => {
    const unique = [...new Set(hashes)];
    for (let i = 0; i < unique.length; i += concurrency)
      await Promise.all(
        unique.slice(i, i + concurrency).map((hash) => {
          let pending = inputs.get(hash);
          if (!pending) {
            requests.getTransaction += 1;
            pending = publicClient.getTransaction({ hash }).then((tx) => tx.input);
            inputs.set(hash, pending);
          }
          return pending;
        }),
      );
    const out = new Map<Hex, Hex>();
    for (const hash of unique) out.set(hash, await inputs.get(hash)!);
    return out;
  };

  const transferEvent = getAbiItem({ abi: erc20Abi, name: "Transfer" });
  for (const [token, payees] of directPayees) {
    const payeeList = [...payees];
    const logs = await getLogsChunked({
      fromBlock,
      toBlock,
      chunkSize,
      read: (from, to) =>
        ((requests.getLogs += 1), publicClient).getLogs({
          address: token,
          event: transferEvent,
          // Many payees: filter on the node by sender only, and by recipient here.
          args: payeeList.length <= 50 ? { from: payer, to: payeeList } : { from: payer },
          strict: true,
          fromBlock: from,
          toBlock: to,
        }),
    });
    const relevant = logs.filter((log) => payees.has(getAddress(log.args.to)));
    const txInputs = await inputOf(relevant.map((log) => log.transactionHash));
    const used = new Map<Hex, Set<number>>();
    for (const log of relevant) {
      const to = getAddress(log.args.to);
      const base = {
        via: "transfer" as const,
        payee: to,
        transactionHash: log.transactionHash,
        blockNumber: log.blockNumber,
        logIndex: log.logIndex,
        amount: log.args.value,
        remaining: log.args.value,
        confirmations: confirmationsOf(log.blockNumber),
      };
      // The referenced transfer in this transaction's input that produced this log (same payee
      // and amount; each referenced call explains one log).
      const refs = findReferencedTransfers(txInputs.get(log.transactionHash) ?? "0x");
      const taken = used.get(log.transactionHash) ?? new Set<number>();
      used.set(log.transactionHash, taken);
      const index = refs.findIndex((r, k) => !taken.has(k) && r.to.toLowerCase() === to.toLowerCase() && r.amount === log.args.value);
      if (index >= 0) {
        taken.add(index);
        const ref = refs[index]!;
        if (ref.statementHash !== ourHash) {
          otherStatements.push({ transactionHash: log.transactionHash, logIndex: log.logIndex, payee: to, amount: log.args.value, statementHash: ref.statementHash });
          continue;
        }
        const line = lineByRef.get(`${token.toLowerCase()}|${ref.lineHash}`);
        if (line && line.payee === to) direct.push({ line, candidate: { ...base, match: "reference" } });
        else unmatched.push({ ...base, match: "reference" }); // this statement, but no such line
        continue;
      }
      add(groupKey(`token:${token}`, to), {
        via: "transfer",
        match: "amount",
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
        ((requests.getLogs += 2), readRouterPayments)({
          publicClient: publicClient as PublicClient,
          router,
          statementHash: parsed.statementHash,
          payer,
          fromBlock: from,
          toBlock: to,
        }),
    });
    const routed = payments.filter((payment) => terms.has(payment.termsHash.toLowerCase() as Hex));
    const txInputs = await inputOf(routed.map((p) => p.transactionHash));
    for (const payment of routed) {
      // A referenced `pay(termsHash, licensor, statementHash, amount)` names its obligation.
      const ref = findReferencedCalls(txInputs.get(payment.transactionHash) ?? "0x", 4).find(
        (call) =>
          call.selector === PAY_SELECTOR &&
          call.statementHash === ourHash &&
          call.words[0] === payment.termsHash.toLowerCase() &&
          BigInt(call.words[3]!) === payment.amount,
      );
      const obligation = ref
        ? parsed.obligations.find((o) => o.router === router && paymentLineHash(o.id, router) === ref.lineHash && o.termsHash.toLowerCase() === payment.termsHash.toLowerCase())
        : undefined;
      for (const payout of payment.payouts) {
        const payee = getAddress(payout.payee);
        const candidate: Candidate = {
          via: "router",
          match: "router",
          payee,
          transactionHash: payment.transactionHash,
          blockNumber: payment.blockNumber,
          logIndex: payment.logIndex,
          amount: payout.amount,
          remaining: payout.amount,
          confirmations: confirmationsOf(payment.blockNumber),
        };
        const line = obligation ? lines.find((l) => l.obligationId === obligation.id && l.payee === payee) : undefined;
        if (line) {
          direct.push({ line, candidate });
          continue;
        }
        add(groupKey(`router:${router}:${payment.termsHash}`, payout.payee), {
          via: "router",
          match: "router",
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

  // Referenced payments go to their line whole (more than the line needs makes it overpaid).
  for (const { line, candidate } of direct) credit(line, candidate, candidate.amount, BigInt(confirmations));
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
  const result: ReconciledLine[] = lines.map(({ groups: _groups, lineHash: _lineHash, ...line }) => {
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
    otherStatements,
    requests,
    counts,
    ok: counts.overdue === 0,
  };
}

const PAY_SELECTOR = toFunctionSelector(getAbiItem({ abi: omrlRouterAbi, name: "pay" }));

function groupKey(source: string, payee: Address): string {
  return `${source.toLowerCase()}|${payee.toLowerCase()}`;
}

function credit(line: LineWork, payment: Candidate, amount: bigint, confirmations: bigint): void {
  payment.remaining -= amount;
  const { remaining: _r, payee: _p, ...rest } = payment;
  line.payments.push({ ...rest, amount });
  if (!line.matchedBy.includes(payment.match)) line.matchedBy.push(payment.match);
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
