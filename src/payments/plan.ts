import { encodeFunctionData, erc20Abi, getAddress, type Address, type Hex } from "viem";
import { parsePercent } from "../money/index.js";
import { omrlRouterAbi } from "./router/abi.js";
import type { ExpectedRegistration } from "./router/check-registration.js";
import { InvalidStatementError } from "./errors.js";
import { appendPaymentReference, paymentLineHash, type PaymentReference } from "./reference.js";
import { parseStatementForPayment, type ParsedStatement, type ParseStatementOptions } from "./statement.js";

/** How the plan moves the tokens: one ERC-20 `transfer` per payee, or one router `pay` per obligation. */
export type PaymentMethod = "transfer" | "router";

/** One call of a payment plan. Every call has value 0 (tokens, never ether). */
export type PaymentLine = {
  /**
   * `transfer`: ERC-20 `transfer(payee, amount)` on the token.
   * `approve`: ERC-20 `approve(router, amount)` so the router may pull the router lines' total.
   * `router-pay`: `pay(termsHash, statementHash, amount)` on the router, which splits among the payees.
   */
  kind: "transfer" | "approve" | "router-pay";
  /** Ledger key: statement hash + obligation id + payee (the router for `router-pay`). */
  key: string;
  /** `null` for `approve`, which serves every router line of its batch. */
  obligationId: string | null;
  /** Who receives: the payee (`transfer`), the router (`router-pay`), the spender (`approve`). */
  payee: Address;
  /** Base units of the batch's token. */
  amount: bigint;
  to: Address;
  data: Hex;
  value: 0n;
  /** The terms hash the line pays (`router-pay` and `transfer`), for the router call and reports. */
  termsHash: Hex | null;
  /** What the payees should receive from this line (`router-pay`: the statement's split). */
  payees: { account: Address; amount: bigint }[];
  /** The on-chain reference appended to `data` (`null` for `approve`, or when planned without references). */
  reference: PaymentReference | null;
  /** `router-pay`: what the licensor's registration must hold (checked before the line is sent). */
  registration: ExpectedRegistration | null;
};

/** The lines that share one chain, token (and router). */
export type PaymentBatch = {
  chainId: number;
  token: Address;
  symbol: string;
  decimals: number;
  router: Address | null;
  /** In statement order; for the router method the `approve` comes first. */
  lines: PaymentLine[];
  /** Tokens the payer spends: the sum of the `transfer` and `router-pay` lines. */
  total: bigint;
};

export type PaymentPlan = {
  statementHash: Hex;
  payer: Address;
  method: PaymentMethod;
  batches: PaymentBatch[];
  /** Obligations with nothing to pay, and why. */
  skipped: { obligationId: string; reason: "exempt" | "zero" }[];
  /** The parsed statement the plan came from (reconciliation and ledgers use it). */
  parsed: ParsedStatement;
};

export type PlanPaymentsParameters = ParseStatementOptions & {
  method?: PaymentMethod;
  /**
   * Append the OMRL payment reference (statement hash + line hash) to every transfer and router
   * `pay` (default true). Without it, reconciliation can only match payments by amount.
   */
  reference?: boolean;
  /**
   * For `method: "router"`: the licensor each terms hash's signed terms name (keys are terms
   * hashes, any case). Router registrations are keyed by terms hash and licensor.
   */
  licensors?: Readonly<Record<string, Address>>;
  /** Who pays; default the statement's licensee account. */
  payer?: Address;
};

/** Ledger key of a line: statement hash, obligation id and payee, joined with `:` (lower case hex). */
export function paymentLineKey(statementHash: Hex, obligationId: string, payee: Address): string {
  return `${statementHash.toLowerCase()}:${obligationId}:${payee.toLowerCase()}`;
}

/**
 * Turns a statement into the calls that pay it, grouped per chain and token, with amounts in base
 * units exactly as the statement says. Exempt and zero obligations are skipped (listed in
 * `skipped`); zero payee parts are skipped too. Accepts the statement JSON or a parsed statement.
 *
 * @example
 * const plan = planPayments(statementJson, { method: "transfer" });
 * plan.batches[0].lines[0] // { kind: "transfer", payee: "0x…", amount: 3500350000n, to: token, data: "0xa9059cbb…", value: 0n, … }
 */
export function planPayments(statement: unknown, parameters: PlanPaymentsParameters = {}): PaymentPlan {
  const { method = "transfer", payer, reference: withReference = true, licensors = {}, ...parseOptions } = parameters;
  const parsed = parseStatementForPayment(statement, parseOptions);
  const licensorOf = new Map(Object.entries(licensors).map(([hash, address]) => [hash.toLowerCase(), getAddress(address)]));
  const referenced = (data: Hex, obligationId: string, payee: Address): { data: Hex; reference: PaymentReference | null } => {
    if (!withReference) return { data, reference: null };
    const reference = { statementHash: parsed.statementHash.toLowerCase() as Hex, lineHash: paymentLineHash(obligationId, payee) };
    return { data: appendPaymentReference(data, reference), reference };
  };
  const batches = new Map<string, PaymentBatch>();
  const skipped: PaymentPlan["skipped"] = [];
  for (const o of parsed.obligations) {
    if (o.exempt) {
      skipped.push({ obligationId: o.id, reason: "exempt" });
      continue;
    }
    if (o.amount === 0n) {
      skipped.push({ obligationId: o.id, reason: "zero" });
      continue;
    }
    if (method === "router" && o.router === null)
      throw new InvalidStatementError("has no router; pay it by direct transfers", { obligationId: o.id });
    const router = method === "router" ? o.router : null;
    const batchKey = `${o.chainId}:${o.token.toLowerCase()}:${router?.toLowerCase() ?? ""}`;
    let batch = batches.get(batchKey);
    if (!batch) {
      batch = { chainId: o.chainId, token: o.token, symbol: o.symbol, decimals: o.decimals, router, lines: [], total: 0n };
      batches.set(batchKey, batch);
    }
    if (router === null) {
      for (const p of o.payees) {
        if (p.amount === 0n) continue;
        batch.lines.push({
          kind: "transfer",
          key: paymentLineKey(parsed.statementHash, o.id, p.account),
          obligationId: o.id,
          payee: p.account,
          amount: p.amount,
          to: o.token,
          ...referenced(encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [p.account, p.amount] }), o.id, p.account),
          value: 0n,
          termsHash: o.termsHash,
          payees: [p],
          registration: null,
        });
        batch.total += p.amount;
      }
    } else {
      const licensor = licensorOf.get(o.termsHash.toLowerCase());
      if (!licensor)
        throw new InvalidStatementError(
          `router payments need the licensor the signed terms ${o.termsHash} name (pass the terms: omrl pay --terms omrl.json)`,
          { obligationId: o.id, docsPath: "/docs/contracts.md#registrations" },
        );
      const at = `/obligations/${parsed.obligations.indexOf(o)}/payees`;
      const registration: ExpectedRegistration = {
        termsHash: o.termsHash,
        licensor,
        token: o.token,
        payees: o.obligation.payees.map((p, k) => ({
          account: o.payees[k]!.account,
          sharePpm: parsePercent(p.share, `${parseOptions.location ?? ""}#${at}/${k}/share`),
        })),
      };
      batch.lines.push({
        kind: "router-pay",
        key: paymentLineKey(parsed.statementHash, o.id, router),
        obligationId: o.id,
        payee: router,
        amount: o.amount,
        to: router,
        ...referenced(
          encodeFunctionData({ abi: omrlRouterAbi, functionName: "pay", args: [o.termsHash, licensor, parsed.statementHash, o.amount] }),
          o.id,
          router,
        ),
        value: 0n,
        termsHash: o.termsHash,
        payees: o.payees.filter((p) => p.amount > 0n),
        registration,
      });
      batch.total += o.amount;
    }
  }
  for (const batch of batches.values()) {
    if (batch.router === null) continue;
    batch.lines.unshift({
      kind: "approve",
      key: `${parsed.statementHash.toLowerCase()}:approve:${batch.router.toLowerCase()}`,
      obligationId: null,
      payee: batch.router,
      amount: batch.total,
      to: batch.token,
      data: encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [batch.router, batch.total] }),
      value: 0n,
      termsHash: null,
      payees: [],
      reference: null,
      registration: null,
    });
  }
  return {
    statementHash: parsed.statementHash,
    payer: payer ? getAddress(payer) : parsed.payer,
    method,
    batches: [...batches.values()],
    skipped,
    parsed,
  };
}

