import { InvalidInputError } from "../../errors.js";
import {
  add,
  compare,
  div,
  fraction,
  type Fraction,
  isZero,
  max,
  min,
  mul,
  ONE,
  parseDecimal,
  parsePercent,
  ppmToFraction,
  roundHalfUp,
  splitCumulative,
  sub,
  toDecimalString,
  toExactString,
  ZERO,
} from "../../money/index.js";
import { hashTerms, tokenAddress, type OmrlTerms } from "../../terms/index.js";
import type { Attribution, ModelUse } from "../manifest/types.js";
import { dueDate, isFinerOrEqual, parsePeriod, type Period, periodEnd, periodOfMonth, periodStart, periodWithin } from "../period.js";
import type { RevenuePeriod, RevenueReport } from "../revenue/types.js";
import { hashStatement } from "./hash-statement.js";
import type { Obligation, Statement, TraceStep } from "./types.js";

/** An upstream model of a derivative: its terms, nearest parent first. */
export type StatementAncestorInput = {
  /** Short id (`org/name`), used in the obligation id. */
  id: string;
  /** Where it lives (`hf:org/name@rev`, a path); default `id`. */
  model?: string | undefined;
  terms: OmrlTerms;
  /** Default: `hashTerms(terms)`. */
  termsHash?: string | undefined;
  /** The id of its child in the chain (the model derived from it). Default: the previous ancestor, or the leaf for the first. */
  child?: string | undefined;
};

/** A model the app uses directly (the leaf of its lineage chain). */
export type StatementModelInput = {
  id: string;
  model?: string | undefined;
  use?: ModelUse | undefined;
  terms: OmrlTerms;
  termsHash?: string | undefined;
  attribution?: Attribution | undefined;
  ancestors?: StatementAncestorInput[] | undefined;
};

export type ComputeStatementParameters = {
  licensee: { name: string; account: string };
  models: StatementModelInput[];
  revenue: RevenueReport;
  /** Token per fiat unit, by pair `<currency>/<token symbol>`: `{ "USD/USDC": "1.0001" }`. */
  rates: Record<string, string>;
  /** Only obligation periods lying within one of these (`2026-Q3`, `2026`); default every period the report covers. */
  periods?: string[] | undefined;
};

export type ComputeStatementReturnType = Statement;

const NO_USE = new Set<ModelUse>(["evaluation", "internal"]);

/** Fiat text: exact when the value is a terminating decimal, else rounded half up to 18 places. */
function fiat(value: Fraction): string {
  const exact = toExactString(value);
  return exact.includes("/") ? toDecimalString(value, 18) : exact;
}

type PeriodTotals = {
  period: Period;
  buckets: RevenuePeriod[];
  gross: Fraction;
  refunds: Fraction;
  mau: number | undefined;
  usage: (model: string) => Fraction;
};

function totalsOf(period: Period, buckets: RevenuePeriod[]): PeriodTotals {
  const inside = buckets.filter((b) => periodWithin(b.period, period));
  let gross = ZERO;
  let refunds = ZERO;
  let mau: number | undefined;
  for (const b of inside) {
    gross = add(gross, b.gross);
    refunds = add(refunds, b.refunds);
    if (b.mau !== undefined && (mau === undefined || b.mau > mau)) mau = b.mau;
  }
  return {
    period,
    buckets: inside,
    gross,
    refunds,
    mau,
    usage: (model) => inside.reduce((sum, b) => (b.usage[model] ? add(sum, b.usage[model]) : sum), ZERO),
  };
}

/**
 * Rule 2: is the period exempt under these terms? The revenue measure is the app's gross revenue
 * over the terms' window; the MAU measure is the period's monthly active users. At or below
 * either threshold exempts.
 */
function exemption(terms: OmrlTerms, totals: PeriodTotals, report: RevenueReport, trace: TraceStep[]): string | null {
  const thresholds = terms.revenueShare.thresholds;
  if (!thresholds) {
    trace.push({ step: "threshold", detail: "the terms set no exemption threshold" });
    return null;
  }
  let reason: string | null = null;
  if (thresholds.annualRevenue !== undefined) {
    const limit = parseDecimal(thresholds.annualRevenue);
    const window = thresholds.revenueWindow ?? "trailing_12_months";
    const last = totals.period.last;
    const first = window === "calendar_year" ? Math.floor(last / 12) * 12 : last - 11;
    let measure = ZERO;
    let counted = 0;
    for (const b of report.periods)
      if (b.period.first >= first && b.period.last <= last) {
        measure = add(measure, b.gross);
        counted++;
      }
    const from = periodOfMonth(first, "month").label;
    const to = periodOfMonth(last, "month").label;
    const exempt = compare(measure, limit) <= 0;
    trace.push({
      step: "threshold",
      detail: `revenue measure: gross over ${window} ${from}..${to} (${counted} reported period(s), missing periods count 0) = ${fiat(measure)} ${exempt ? "≤" : ">"} annualRevenue ${thresholds.annualRevenue} → ${exempt ? "exempt" : "not exempt"}`,
    });
    if (exempt) reason = `revenue ${fiat(measure)} over ${window} ${from}..${to} is at or below the threshold ${thresholds.annualRevenue}`;
  }
  if (thresholds.monthlyActiveUsers !== undefined) {
    const limit = thresholds.monthlyActiveUsers;
    if (totals.mau === undefined) trace.push({ step: "threshold", detail: `MAU not reported for ${totals.period.label}: the MAU threshold ${limit} cannot exempt` });
    else {
      const exempt = totals.mau <= limit;
      trace.push({
        step: "threshold",
        detail: `MAU measure: largest monthly active users reported in ${totals.period.label} = ${totals.mau} ${exempt ? "≤" : ">"} monthlyActiveUsers ${limit} → ${exempt ? "exempt" : "not exempt"}`,
      });
      if (exempt) {
        const mauReason = `monthly active users ${totals.mau} are at or below the threshold ${limit}`;
        // exempt under both thresholds: say both (either alone would exempt)
        reason = reason === null ? mauReason : `${reason}, and ${mauReason}`;
      }
    }
  }
  return reason;
}

/** Rule 3: marginal tiers (or the flat rate), then the per-period cap. */
function schedule(terms: OmrlTerms, base: Fraction, trace: TraceStep[]): Fraction {
  const share = terms.revenueShare;
  let owed = ZERO;
  if (share.tiers && share.tiers.length > 0) {
    let lower = ZERO;
    const parts: string[] = [];
    for (const tier of share.tiers) {
      const upper = tier.upTo === undefined ? undefined : parseDecimal(tier.upTo);
      const top = upper === undefined ? base : min(base, upper);
      const inBand = max(sub(top, lower), ZERO);
      const part = mul(inBand, ppmToFraction(parsePercent(tier.rate)));
      owed = add(owed, part);
      parts.push(`${tier.rate} × ${fiat(inBand)} (${fiat(lower)}..${tier.upTo ?? "∞"}) = ${fiat(part)}`);
      if (upper === undefined || compare(base, upper) <= 0) break;
      lower = upper;
    }
    trace.push({ step: "tiers", detail: `marginal tiers on ${fiat(base)}: ${parts.join("; ")}; total ${fiat(owed)}` });
  } else {
    owed = mul(base, ppmToFraction(parsePercent(share.rate)));
    trace.push({ step: "rate", detail: `${share.rate} × ${fiat(base)} = ${fiat(owed)}` });
  }
  if (share.cap !== undefined) {
    const cap = parseDecimal(share.cap);
    if (compare(owed, cap) > 0) {
      trace.push({ step: "cap", detail: `${fiat(owed)} exceeds the per-period cap ${share.cap} → ${share.cap}` });
      owed = cap;
    } else trace.push({ step: "cap", detail: `${fiat(owed)} is within the per-period cap ${share.cap}` });
  }
  return owed;
}

const rateText = (terms: OmrlTerms) =>
  terms.revenueShare.tiers && terms.revenueShare.tiers.length > 0
    ? terms.revenueShare.tiers.map((t) => (t.upTo === undefined ? `${t.rate} above` : `${t.rate} to ${t.upTo}`)).join(", ")
    : terms.revenueShare.rate;

/**
 * Computes a revenue statement: for each model the app uses and each period the report covers,
 * what it owes the model and (rule 4) each upstream model of its lineage, converted to token base
 * units and split among payees. Implements the licence's revenue rules 1–5 exactly (see
 * docs/obligations.md); every step is recorded in the obligation's `trace`.
 *
 * @example
 * const statement = computeStatement({
 *   licensee: { name: "Acme Apps", account: "eip155:8453:0x…" },
 *   models: [{ id: "acme/tiny-1b", model: "hf:acme/tiny-1b@abc", terms, attribution: { weight: "0.6" } }],
 *   revenue: parseRevenueCsv(text),
 *   rates: { "USD/USDC": "1.0001" },
 *   periods: ["2026-Q3"],
 * });
 */
export function computeStatement(parameters: ComputeStatementParameters): ComputeStatementReturnType {
  const { licensee, models, revenue, rates } = parameters;
  const rateValues = new Map<string, Fraction>();
  for (const [pair, text] of Object.entries(rates)) {
    if (!/^[A-Z]{3}\/[A-Za-z0-9.$_-]{1,32}$/.test(pair)) throw new InvalidInputError(`"${pair}" is not a rate pair CURRENCY/TOKEN (e.g. USD/USDC)`, { location: "rates" });
    const value = parseDecimal(text, { location: `rate ${pair}` });
    if (isZero(value)) throw new InvalidInputError(`rate ${pair} must be greater than 0`, { location: "rates" });
    rateValues.set(pair, value);
  }
  const selected = parameters.periods?.map((p) => parsePeriod(p, "periods"));
  const ids = new Set<string>();
  const obligations: Obligation[] = [];
  const periodLabels = new Map<string, Period>();

  // Usage totals per metric, per period label: the denominator of usage-share attribution.
  const metricModels = (metric: string) =>
    models.filter((m) => m.attribution && "metric" in m.attribution && m.attribution.metric === metric).map((m) => m.id);

  for (const leaf of models) {
    const kind = leaf.terms.revenueShare.period;
    const chain = [leaf.terms, ...(leaf.ancestors ?? []).map((a) => a.terms)];
    for (const terms of chain)
      if (terms.revenueShare.currency !== revenue.currency)
        throw new InvalidInputError(
          `${terms.model.name} is licensed in ${terms.revenueShare.currency} but the revenue report is in ${revenue.currency}; report revenue in the terms' currency`,
          { location: leaf.id },
        );
    if (!isFinerOrEqual(revenue.granularity, kind))
      throw new InvalidInputError(`${leaf.id}'s terms settle per ${kind} but the report gives revenue per ${revenue.granularity}; report per ${kind} or finer`, {
        location: leaf.id,
      });
    const obligationPeriods = new Map<string, Period>();
    for (const b of revenue.periods) {
      const p = periodOfMonth(b.period.first, kind);
      if (selected && !selected.some((s) => periodWithin(p, s))) continue;
      obligationPeriods.set(p.label, p);
    }
    for (const period of obligationPeriods.values()) {
      periodLabels.set(period.label, period);
      const totals = totalsOf(period, revenue.periods);
      const revenueTrace: TraceStep[] = totals.buckets.map((b) => ({
        step: "revenue",
        detail: `${b.period.label}: gross ${fiat(b.gross)}, refunds ${fiat(b.refunds)}${b.mau === undefined ? "" : `, MAU ${b.mau}`} from ${b.lines} line(s) of ${revenue.source ?? "the report"} (${b.firstLine}..${b.lastLine})`,
      }));

      // Rule 1: the basis.
      const basisTrace: TraceStep[] = [];
      const net = max(sub(totals.gross, totals.refunds), ZERO);
      const basisKind = leaf.terms.revenueShare.basis;
      let basis: Fraction;
      if (basisKind === "gross") {
        basis = totals.gross;
        basisTrace.push({ step: "basis", detail: `gross = ${fiat(basis)}` });
      } else {
        const rawNet = sub(totals.gross, totals.refunds);
        basisTrace.push({
          step: "basis",
          detail: `net = max(gross ${fiat(totals.gross)} − refunds ${fiat(totals.refunds)}, 0) = ${fiat(net)}${rawNet.num < 0n ? " (negative net is 0, not carried forward)" : ""}`,
        });
        basis = net;
        if (basisKind === "attributable") {
          const attribution = leaf.attribution;
          if (!attribution)
            throw new InvalidInputError(`${leaf.id}'s terms use the attributable basis; give the model an "attribution" (weight or metric) in omrl.app.json`, {
              location: leaf.id,
              docsPath: "/docs/obligations.md#attribution",
            });
          let weight: Fraction;
          if ("weight" in attribution) {
            weight = parseDecimal(attribution.weight, { location: `${leaf.id} attribution.weight` });
            if (compare(weight, ONE) > 0) throw new InvalidInputError(`attribution weight ${attribution.weight} is more than 1`, { location: leaf.id });
            basisTrace.push({ step: "attribution", detail: `fixed weight ${attribution.weight}` });
          } else {
            const peers = metricModels(attribution.metric);
            const own = totals.usage(leaf.id);
            const total = peers.reduce((sum, id) => add(sum, totals.usage(id)), ZERO);
            weight = isZero(total) ? ZERO : div(own, total);
            basisTrace.push({
              step: "attribution",
              detail: `usage share of "${attribution.metric}": ${fiat(own)} / ${fiat(total)} (all models attributed by ${attribution.metric}: ${peers.join(", ")}) = ${fiat(weight)}`,
            });
          }
          basis = mul(net, weight);
          basisTrace.push({ step: "basis", detail: `attributable = net ${fiat(net)} × ${fiat(weight)} = ${fiat(basis)}` });
        }
      }

      const received = new Map<string, Fraction>([[leaf.id, basis]]);
      const noUse = leaf.use !== undefined && NO_USE.has(leaf.use);
      const chainMembers: { input: StatementAncestorInput | StatementModelInput; via: string | null; child?: string }[] = [
        { input: leaf, via: null },
        ...(leaf.ancestors ?? []).map((a, i, all) => ({ input: a, via: leaf.id, child: a.child ?? (i === 0 ? leaf.id : all[i - 1]!.id) })),
      ];
      for (const { input, via, child } of chainMembers) {
        const terms = input.terms;
        const trace: TraceStep[] = [...revenueTrace, ...basisTrace];
        let base = basis;
        if (via !== null) {
          const mode = terms.derivatives.stacking;
          if (mode === "absolute") trace.push({ step: "stacking", detail: `absolute (this model's terms): its rate applies to the leaf ${via}'s basis ${fiat(basis)}` });
          else {
            const childReceives = received.get(child!);
            if (childReceives === undefined) throw new InvalidInputError(`ancestor ${input.id} names child ${child}, which is not earlier in ${leaf.id}'s chain`, { location: leaf.id });
            base = childReceives;
            trace.push({ step: "stacking", detail: `relative (this model's terms): its rate applies to what its child ${child} receives, ${fiat(base)}` });
          }
          if (terms.revenueShare.period !== kind)
            trace.push({ step: "stacking", detail: `settled on the leaf's ${kind} period (its own terms say ${terms.revenueShare.period})` });
        }
        let exemptReason: string | null = null;
        if (noUse) {
          exemptReason = `use "${leaf.use}": the model is not part of the product`;
          trace.push({ step: "threshold", detail: `${exemptReason} → exempt` });
        } else exemptReason = exemption(terms, totals, revenue, trace);
        const owed = exemptReason === null ? schedule(terms, base, trace) : ZERO;
        if (exemptReason !== null) trace.push({ step: "owed", detail: "exempt: owes 0 for the whole period" });
        // What an upstream model receives is what its own parent's relative share is taken of; the leaf receives its basis.
        if (via !== null) received.set(input.id, owed);

        // Rule 5: conversion, rounded once, then the cumulative split.
        const token = terms.payment.token;
        const pair = `${revenue.currency}/${token.symbol}`;
        const rate = rateValues.get(pair);
        if (rate === undefined)
          throw new InvalidInputError(`no conversion rate for ${pair}; pass --rate ${pair}=<${token.symbol} per ${revenue.currency}>`, {
            location: "rates",
            docsPath: "/docs/obligations.md#conversion",
          });
        const exact = mul(mul(owed, rate), fraction(10n ** BigInt(token.decimals)));
        const amount = roundHalfUp(exact);
        trace.push({
          step: "conversion",
          detail: `${fiat(owed)} ${revenue.currency} × ${rates[pair]} ${pair} × 10^${token.decimals} = ${fiat(exact)} → ${amount} base units (round half up, once)`,
        });
        const shares = terms.payment.payees.map((p) => parsePercent(p.share));
        const parts = splitCumulative(amount, shares);
        trace.push({
          step: "split",
          detail: `cumulative split of ${amount}: ${terms.payment.payees.map((p, i) => `${p.name ?? p.account} ${p.share} → ${parts[i]}`).join("; ")}`,
        });

        const id = via === null ? `${input.id}:${period.label}` : `${input.id}:${period.label}:via:${via}`;
        if (ids.has(id)) throw new InvalidInputError(`two obligations would have the id ${id}; give models distinct ids`, { location: input.id });
        ids.add(id);
        obligations.push({
          id,
          model: input.model ?? input.id,
          termsHash: input.termsHash ?? hashTerms(terms),
          period: period.label,
          periodStart: periodStart(period),
          periodEnd: periodEnd(period),
          dueDate: dueDate(period, terms.revenueShare.dueDays),
          via,
          exempt: exemptReason !== null,
          exemptReason,
          basis: basisKind,
          basisAmount: fiat(base),
          rate: rateText(terms),
          owed: fiat(owed),
          conversion: { pair, rate: rates[pair]! },
          chain: terms.payment.chain,
          token: { id: token.id, address: tokenAddress(token.id) ?? null, symbol: token.symbol, decimals: token.decimals },
          router: terms.payment.router ?? null,
          amount: amount.toString(),
          payees: terms.payment.payees.map((p, i) => ({ account: p.account, share: p.share, amount: parts[i]!.toString() })),
          trace,
        });
      }
    }
  }
  const periods = selected
    ? selected.map((p) => p.label)
    : [...periodLabels.values()].sort((a, b) => a.first - b.first || a.last - b.last).map((p) => p.label);
  const body = { omrlStatement: "1.0" as const, licensee: { name: licensee.name, account: licensee.account }, currency: revenue.currency, periods, obligations };
  return { omrlStatement: "1.0", statementHash: hashStatement(body), licensee: body.licensee, currency: body.currency, periods, obligations };
}
