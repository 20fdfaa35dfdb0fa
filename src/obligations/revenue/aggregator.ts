import { fraction, type Fraction, ZERO } from "../../money/index.js";
import { tryParsePeriod, type Period, type PeriodKind } from "../period.js";
import type { RevenuePeriod, RevenueReport } from "./types.js";

/** Most fraction digits a revenue amount may have. */
export const MAX_AMOUNT_FRACTION_DIGITS = 12;
/** Most integer digits a revenue amount may have. */
const MAX_AMOUNT_WHOLE_DIGITS = 24;
/** Most distinct periods a report may name (about 800 years of months). */
export const MAX_REPORT_PERIODS = 10_000;
/** Most distinct models a report may give usage for. */
export const MAX_REPORT_MODELS = 1_000;

/** A field that does not parse; the caller turns `field` into a line and column or a JSON pointer. */
export class RevenueFieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Sums of decimal amounts kept per number of fraction digits (`sums[k]` holds values scaled by
 * 10^k), so adding a line is one `BigInt()` and one addition — no fraction, no rescaling.
 */
type ScaledSums = bigint[];
const newSums = (): ScaledSums => new Array<bigint>(MAX_AMOUNT_FRACTION_DIGITS + 1).fill(0n);

function sumsToFraction(sums: ScaledSums): Fraction {
  let num = 0n;
  const den = 10n ** BigInt(MAX_AMOUNT_FRACTION_DIGITS);
  for (let k = 0; k < sums.length; k++) num += sums[k]! * 10n ** BigInt(MAX_AMOUNT_FRACTION_DIGITS - k);
  return num === 0n ? ZERO : fraction(num, den);
}

/**
 * Adds the non-negative decimal `text` to `sums`, hand-parsing the digits (the hot path of a
 * million-line report). Empty text adds nothing.
 */
function addDecimal(sums: ScaledSums, text: string, field: string): void {
  const n = text.length;
  if (n === 0) return;
  let dot = -1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if (c === 46 && dot < 0) {
      dot = i;
      continue;
    }
    if (c === 45 && i === 0) throw new RevenueFieldError(field, `"${text}" must not be negative (report returns in "refunds")`);
    throw new RevenueFieldError(field, `"${text}" is not a decimal number (digits and one ".", e.g. 1234.50)`);
  }
  if (dot === 0 || dot === n - 1) throw new RevenueFieldError(field, `"${text}" is not a decimal number (digits on both sides of ".")`);
  const whole = dot < 0 ? n : dot;
  const digits = dot < 0 ? 0 : n - dot - 1;
  if (whole > MAX_AMOUNT_WHOLE_DIGITS) throw new RevenueFieldError(field, `"${text}" has more than ${MAX_AMOUNT_WHOLE_DIGITS} integer digits`);
  if (digits > MAX_AMOUNT_FRACTION_DIGITS)
    throw new RevenueFieldError(field, `"${text}" has more than ${MAX_AMOUNT_FRACTION_DIGITS} fraction digits`);
  sums[digits]! += BigInt(dot < 0 ? text : text.slice(0, dot) + text.slice(dot + 1));
}

const MAU = /^\d{1,15}$/;
const CURRENCY = /^[A-Z]{3}$/;
const MODEL_ID = /^[^\s,"]{1,256}$/;

type Bucket = {
  period: Period;
  gross: ScaledSums;
  refunds: ScaledSums;
  mau: number | undefined;
  usage: Map<string, ScaledSums>;
  lines: number;
  firstLine: number;
  lastLine: number;
};

/**
 * Aggregates revenue lines into periods as they stream by, exactly and in bounded memory: the
 * state is one bucket per distinct period, whatever the number of lines. Used by the CSV and JSON
 * report parsers; a report with a different shape can feed it too.
 */
export class RevenueAggregator {
  private readonly buckets = new Map<string, Bucket>();
  private readonly periodCache = new Map<string, Period>();
  private readonly models = new Set<string>();
  private currency: string | undefined;
  private granularity: PeriodKind | undefined;
  private granularityExample = "";

  constructor(private readonly options: { source?: string | undefined; currency?: string | undefined } = {}) {
    this.currency = options.currency;
  }

  /**
   * Adds one line. Amounts are decimal strings (empty = 0); `mau` is an integer string or empty;
   * `usage` lists `[modelId, decimal]` pairs. Throws `RevenueFieldError` naming the bad field.
   */
  add(
    line: number,
    periodText: string,
    currency: string | undefined,
    gross: string,
    refunds: string,
    mau: string,
    usage?: ReadonlyArray<readonly [model: string, value: string, field: string]>,
  ): void {
    const bucket = this.bucket(periodText);
    if (currency !== undefined) {
      if (this.currency === undefined) {
        if (!CURRENCY.test(currency)) throw new RevenueFieldError("currency", `"${currency}" is not an ISO 4217 currency code (e.g. USD)`);
        this.currency = currency;
      } else if (currency !== this.currency)
        throw new RevenueFieldError("currency", `currency "${currency}" differs from "${this.currency}" on earlier lines; one report, one currency`);
    }
    addDecimal(bucket.gross, gross, "gross");
    addDecimal(bucket.refunds, refunds, "refunds");
    if (mau.length > 0) {
      if (!MAU.test(mau)) throw new RevenueFieldError("mau", `"${mau}" is not a whole number of users`);
      const users = Number(mau);
      if (bucket.mau === undefined || users > bucket.mau) bucket.mau = users;
    }
    if (usage)
      for (const [model, value, field] of usage) {
        if (value.length === 0) continue;
        let sums = bucket.usage.get(model);
        if (!sums) {
          if (!this.models.has(model)) {
            if (!MODEL_ID.test(model)) throw new RevenueFieldError(field, `"${model}" is not a model id`);
            if (this.models.size >= MAX_REPORT_MODELS) throw new RevenueFieldError(field, `more than ${MAX_REPORT_MODELS} models`);
            this.models.add(model);
          }
          sums = newSums();
          bucket.usage.set(model, sums);
        }
        addDecimal(sums, value, field);
      }
    bucket.lines++;
    if (bucket.lines === 1) bucket.firstLine = line;
    bucket.lastLine = line;
  }

  private bucket(text: string): Bucket {
    let period = this.periodCache.get(text);
    if (!period) {
      period = tryParsePeriod(text);
      if (!period) throw new RevenueFieldError("period", `"${text}" is not a period (2026-07, 2026-Q3, 2026 or a day 2026-07-15)`);
      if (this.granularity === undefined) {
        this.granularity = period.kind;
        this.granularityExample = text;
      } else if (period.kind !== this.granularity)
        throw new RevenueFieldError(
          "period",
          `"${text}" is a ${period.kind} but earlier lines use ${this.granularity}s ("${this.granularityExample}"); one report, one granularity`,
        );
      if (this.periodCache.size < 4 * MAX_REPORT_PERIODS) this.periodCache.set(text, period);
    }
    let bucket = this.buckets.get(period.label);
    if (!bucket) {
      if (this.buckets.size >= MAX_REPORT_PERIODS) throw new RevenueFieldError("period", `more than ${MAX_REPORT_PERIODS} periods`);
      bucket = { period, gross: newSums(), refunds: newSums(), mau: undefined, usage: new Map(), lines: 0, firstLine: 0, lastLine: 0 };
      this.buckets.set(period.label, bucket);
    }
    return bucket;
  }

  /** The aggregated report, periods in time order. */
  finish(): RevenueReport {
    if (this.currency === undefined || this.granularity === undefined)
      throw new RevenueFieldError("", "the report has no revenue lines");
    const periods: RevenuePeriod[] = [...this.buckets.values()]
      .sort((a, b) => a.period.first - b.period.first)
      .map((b) => ({
        period: b.period,
        gross: sumsToFraction(b.gross),
        refunds: sumsToFraction(b.refunds),
        mau: b.mau,
        usage: Object.fromEntries([...b.usage].map(([model, sums]) => [model, sumsToFraction(sums)])),
        lines: b.lines,
        firstLine: b.firstLine,
        lastLine: b.lastLine,
      }));
    return { source: this.options.source, currency: this.currency, granularity: this.granularity, periods };
  }
}
