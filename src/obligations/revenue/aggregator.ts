import { fraction, type Fraction, ZERO } from "../../money/index.js";
import { tryParsePeriod, type Period, type PeriodKind } from "../period.js";
import type { RevenuePeriod, RevenueReport } from "./types.js";

/** Most fraction digits a revenue amount may have. */
export const MAX_AMOUNT_FRACTION_DIGITS = 12;
/** Most integer digits a revenue amount may have. */
export const MAX_AMOUNT_WHOLE_DIGITS = 24;
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
 * An exact running sum of non-negative decimals, kept as **digit-column sums**: `columns[p]` is the
 * sum of the digits at power of ten `p - MAX_AMOUNT_FRACTION_DIGITS` over every value added (a
 * carry-save accumulator). Each column holds a count of digits (at most 9 per value), never an
 * amount, so it stays an exact integer; columns are folded into a `bigint` before they could
 * reach 2^53. Adding a value is a loop over its characters: no `BigInt`, no `Fraction`, no string
 * built per line — the hot path of a million-line report.
 */
export type DigitSums = { columns: number[]; folded: bigint; adds: number };
const COLUMNS = MAX_AMOUNT_FRACTION_DIGITS + MAX_AMOUNT_WHOLE_DIGITS;
/** Fold long before 9 × adds could pass 2^53. */
const FOLD_EVERY = 2 ** 40;
export const newSums = (): DigitSums => ({ columns: new Array<number>(COLUMNS).fill(0), folded: 0n, adds: 0 });

function fold(sums: DigitSums): void {
  let value = 0n;
  for (let p = COLUMNS - 1; p >= 0; p--) {
    value = value * 10n + BigInt(sums.columns[p]!);
    sums.columns[p] = 0;
  }
  sums.folded += value;
  sums.adds = 0;
}

function sumsToFraction(sums: DigitSums): Fraction {
  fold(sums);
  return sums.folded === 0n ? ZERO : fraction(sums.folded, 10n ** BigInt(MAX_AMOUNT_FRACTION_DIGITS));
}

/**
 * Checks that `text[start, end)` is a non-negative decimal (digits, at most one ".", digits on
 * both sides of it, bounded digits). Returns the position of the "." (or `end` when there is none),
 * or a negative code: -1 not a decimal, -2 negative, -3 too many integer digits, -4 too many
 * fraction digits. No side effects, so a caller can validate a whole line before adding any of it.
 */
export function scanDecimal(text: string, start: number, end: number): number {
  let dot = -1;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if (c === 46 && dot < 0) {
      dot = i;
      continue;
    }
    return c === 45 && i === start ? -2 : -1;
  }
  if (dot < 0) return end - start > MAX_AMOUNT_WHOLE_DIGITS ? -3 : end;
  if (dot === start || dot === end - 1) return -1;
  if (dot - start > MAX_AMOUNT_WHOLE_DIGITS) return -3;
  if (end - dot - 1 > MAX_AMOUNT_FRACTION_DIGITS) return -4;
  return dot;
}

/** Adds the decimal `text[start, end)`, already checked by `scanDecimal` (which returned `dot`). */
export function addScanned(sums: DigitSums, text: string, start: number, end: number, dot: number): void {
  const columns = sums.columns;
  // the digit just left of the point is at power 0, i.e. column MAX_AMOUNT_FRACTION_DIGITS
  let column = MAX_AMOUNT_FRACTION_DIGITS + (dot - start) - 1;
  for (let i = start; i < dot; i++, column--) columns[column]! += text.charCodeAt(i) - 48;
  column = MAX_AMOUNT_FRACTION_DIGITS - 1;
  for (let i = dot + 1; i < end; i++, column--) columns[column]! += text.charCodeAt(i) - 48;
  if (++sums.adds >= FOLD_EVERY) fold(sums);
}

/** The message for a negative `scanDecimal` code. */
export function decimalProblem(text: string, code: number): string {
  switch (code) {
    case -2:
      return `"${text}" must not be negative (report returns in "refunds")`;
    case -3:
      return `"${text}" has more than ${MAX_AMOUNT_WHOLE_DIGITS} integer digits`;
    case -4:
      return `"${text}" has more than ${MAX_AMOUNT_FRACTION_DIGITS} fraction digits`;
    default:
      return text.includes(".") && /^\d*\.\d*$/.test(text)
        ? `"${text}" is not a decimal number (digits on both sides of ".")`
        : `"${text}" is not a decimal number (digits and one ".", e.g. 1234.50)`;
  }
}

/** Adds the non-negative decimal `text` (empty adds nothing), or throws `RevenueFieldError`. */
function addDecimal(sums: DigitSums, text: string, field: string): void {
  if (text.length === 0) return;
  const dot = scanDecimal(text, 0, text.length);
  if (dot < 0) throw new RevenueFieldError(field, decimalProblem(text, dot));
  addScanned(sums, text, 0, text.length, dot);
}

const MAU = /^\d{1,15}$/;
const CURRENCY = /^[A-Z]{3}$/;
const MODEL_ID = /^[^\s,"]{1,256}$/;

/** The running totals of one period. */
export type Bucket = {
  period: Period;
  gross: DigitSums;
  refunds: DigitSums;
  mau: number | undefined;
  usage: Map<string, DigitSums>;
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
  /** The report's currency, once a line has named it. */
  currency: string | undefined;
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

  /** Counts a line added to `bucket` directly (the CSV fast path), with its MAU if any. */
  countLine(bucket: Bucket, line: number, mau: number | undefined): void {
    if (mau !== undefined && (bucket.mau === undefined || mau > bucket.mau)) bucket.mau = mau;
    bucket.lines++;
    if (bucket.lines === 1) bucket.firstLine = line;
    bucket.lastLine = line;
  }

  /** The bucket of a period text (cached), or throws `RevenueFieldError`. */
  bucket(text: string): Bucket {
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
