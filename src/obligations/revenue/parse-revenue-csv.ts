import { CsvReader, CsvSyntaxError } from "../../csv/index.js";
import { InvalidInputError } from "../../errors.js";
import { addScanned, type Bucket, newSums, RevenueAggregator, RevenueFieldError, scanDecimal } from "./aggregator.js";
import type { RevenueReport } from "./types.js";

/** Longest line accepted in a CSV revenue report, in characters. */
export const MAX_CSV_LINE_LENGTH = 64 * 1024;
/** Most columns a CSV revenue report may have. */
export const MAX_CSV_COLUMNS = 1_024;

export type RevenueCsvParserOptions = {
  /** File name for error locations and traces (default `revenue.csv`). */
  source?: string | undefined;
};

type UsageSlot = [model: string, value: string, field: string];

const KNOWN = new Set(["period", "currency", "gross", "refunds", "mau", "model", "usage"]);

/**
 * A streaming CSV revenue report parser: `push` text chunks as they are read, `end` for the
 * aggregated report. Memory stays bounded by the number of distinct periods, not lines.
 *
 * Columns (header row, any order): `period`, `currency`, `gross` (required), `refunds`, `mau`,
 * optional wide usage columns `usage:<modelId>`, or a long form with `model` and `usage` columns.
 * Columns named `x-…` are ignored. Empty amounts count as 0. See docs/obligations.md#revenue-reports.
 *
 * @example
 * const parser = new RevenueCsvParser({ source: "report.csv" });
 * for await (const chunk of stream) parser.push(chunk);
 * const report = parser.end();
 */
export class RevenueCsvParser {
  private readonly source: string;
  private readonly aggregator: RevenueAggregator;
  private readonly reader: CsvReader;
  private lineNumber = 0;
  private header: string[] | undefined;
  private col = { period: -1, currency: -1, gross: -1, refunds: -1, mau: -1, model: -1, usage: -1 };
  private wide: { index: number; slot: UsageSlot }[] = [];
  private slots: UsageSlot[] = [];
  private readonly longSlot: UsageSlot = ["", "", "usage"];
  private readonly longSlots: UsageSlot[] = [this.longSlot];
  private bounds = new Int32Array(0);
  private usageDots: number[] = [];
  private readonly monthBuckets = new Map<number, Bucket>();

  constructor(options: RevenueCsvParserOptions = {}) {
    this.source = options.source ?? "revenue.csv";
    this.aggregator = new RevenueAggregator({ source: this.source });
    // the shared reader, one record per line: a quoted field may not span lines
    this.reader = new CsvReader({
      source: this.source,
      quotedLineBreaks: false,
      maxLineLength: MAX_CSV_LINE_LENGTH,
      maxFields: MAX_CSV_LINE_LENGTH + 1, // a line's field count is bounded by its length; the header check says more
      onLine: (text, start, end, line) => this.header !== undefined && this.fastLine(text, start, end, line),
      onRecord: (fields, line, endColumn) => this.record(fields, line, endColumn),
    });
  }

  /** Feeds the next chunk of text. */
  push(chunk: string): void {
    try {
      this.reader.push(chunk);
    } catch (error) {
      throw error instanceof CsvSyntaxError ? this.syntaxError(error) : error;
    }
  }

  /** Ends the input and returns the aggregated report. */
  end(): RevenueReport {
    try {
      this.reader.end();
    } catch (error) {
      throw error instanceof CsvSyntaxError ? this.syntaxError(error) : error;
    }
    if (!this.header) {
      // blank lines only: the first line is not the header row
      if (this.reader.lineCount > 0) this.notHeader();
      throw new InvalidInputError("the revenue report is empty (expected a header row)", { location: this.source });
    }
    try {
      return this.aggregator.finish();
    } catch (error) {
      if (error instanceof RevenueFieldError) throw new InvalidInputError(error.message, { location: this.source });
      throw error;
    }
  }

  /** The messages revenue reports have always given, from the shared reader's errors. */
  private syntaxError(error: CsvSyntaxError): InvalidInputError {
    const docs = { docsPath: "/docs/obligations.md#revenue-reports" };
    const at = (column: number) => `${this.source}:${error.line}:${column}`;
    switch (error.reason) {
      case "line-too-long":
        return new InvalidInputError(`line is longer than ${MAX_CSV_LINE_LENGTH} characters`, { location: at(1) });
      case "unclosed-quote":
        return new InvalidInputError("a quoted field is not closed on its line", { location: at(error.fieldColumn), ...docs });
      case "text-after-quote":
        return new InvalidInputError("unexpected text after a quoted field", { location: at(error.column), ...docs });
      case "quote-in-unquoted":
        return new InvalidInputError('a quote (") inside an unquoted field', { location: at(error.fieldColumn), ...docs });
      default:
        return error;
    }
  }

  /** A blank (or white-space) first line. */
  private notHeader(): never {
    this.lineNumber = 1;
    this.fail("the first line must be the header row", undefined, 0);
  }

  private fail(message: string, fields: readonly string[] | undefined, index: number, at?: number): never {
    let column = at ?? 1;
    if (fields && at === undefined) for (let i = 0; i < index && i < fields.length; i++) column += fields[i]!.length + 1;
    throw new InvalidInputError(message, { location: `${this.source}:${this.lineNumber}:${column}`, docsPath: "/docs/obligations.md#revenue-reports" });
  }

  /**
   * The fast path for an ordinary line (no quotes, every field well-formed, wide or no usage
   * columns): fields are read in place from the chunk, amounts added digit by digit without
   * building a string. Validates the whole line before adding any of it; returns false, having
   * changed nothing, when the line needs the general path (which also produces the error).
   */
  private fastLine(text: string, start: number, end: number, line: number): boolean {
    if (this.col.model >= 0 || this.aggregator.currency === undefined) return false;
    this.lineNumber = line;
    const bounds = this.bounds;
    const width = this.header!.length;
    let pos = start;
    for (let k = 0; k < width; k++) {
      let comma = text.indexOf(",", pos);
      if (k === width - 1) {
        if (comma >= 0 && comma < end) return false; // too many fields
        comma = end;
      } else if (comma < 0 || comma > end) return false; // too few
      bounds[2 * k] = pos;
      bounds[2 * k + 1] = comma;
      pos = comma + 1;
    }
    const c = this.col;
    const bucket = this.monthBucket(text, bounds[2 * c.period]!, bounds[2 * c.period + 1]!);
    if (bucket === undefined) return false;
    if (c.currency >= 0) {
      const from = bounds[2 * c.currency]!;
      const currency = this.aggregator.currency;
      if (bounds[2 * c.currency + 1]! - from !== currency.length || !text.startsWith(currency, from)) return false;
    }
    const gs = bounds[2 * c.gross]!;
    const ge = bounds[2 * c.gross + 1]!;
    const grossDot = gs === ge ? 0 : scanDecimal(text, gs, ge);
    if (grossDot < 0) return false;
    let rs = 0;
    let re = 0;
    let refundsDot = 0;
    if (c.refunds >= 0) {
      rs = bounds[2 * c.refunds]!;
      re = bounds[2 * c.refunds + 1]!;
      if (rs !== re && (refundsDot = scanDecimal(text, rs, re)) < 0) return false;
    }
    let mau: number | undefined;
    if (c.mau >= 0) {
      const ms = bounds[2 * c.mau]!;
      const me = bounds[2 * c.mau + 1]!;
      if (me - ms > 15) return false;
      if (ms < me) {
        mau = 0;
        for (let i = ms; i < me; i++) {
          const d = text.charCodeAt(i) - 48;
          if (d < 0 || d > 9) return false;
          mau = mau * 10 + d;
        }
      }
    }
    const dots = this.usageDots;
    for (let w = 0; w < this.wide.length; w++) {
      const index = this.wide[w]!.index;
      const us = bounds[2 * index]!;
      const ue = bounds[2 * index + 1]!;
      if (us === ue) dots[w] = -10;
      else if ((dots[w] = scanDecimal(text, us, ue)) < 0) return false;
    }
    // The whole line is valid: add it.
    if (gs !== ge) addScanned(bucket.gross, text, gs, ge, grossDot);
    if (rs !== re) addScanned(bucket.refunds, text, rs, re, refundsDot);
    for (let w = 0; w < this.wide.length; w++) {
      if (dots[w] === -10) continue;
      const { index, slot } = this.wide[w]!;
      let sums = bucket.usage.get(slot[0]);
      if (!sums) bucket.usage.set(slot[0], (sums = newSums()));
      addScanned(sums, text, bounds[2 * index]!, bounds[2 * index + 1]!, dots[w]!);
    }
    this.aggregator.countLine(bucket, this.lineNumber, mau);
    return true;
  }

  /**
   * The bucket of a `YYYY-MM` or `YYYY-MM-DD` period read in place (no substring, no string
   * hashing): keyed by month number. Anything else (quarters, years, bad dates) returns undefined
   * and takes the general path.
   */
  private monthBucket(text: string, s: number, e: number): Bucket | undefined {
    const length = e - s;
    if ((length !== 7 && length !== 10) || text.charCodeAt(s + 4) !== 45) return undefined;
    const y0 = text.charCodeAt(s) - 48;
    const y1 = text.charCodeAt(s + 1) - 48;
    const y2 = text.charCodeAt(s + 2) - 48;
    const y3 = text.charCodeAt(s + 3) - 48;
    const m0 = text.charCodeAt(s + 5) - 48;
    const m1 = text.charCodeAt(s + 6) - 48;
    if (y0 < 0 || y1 < 0 || y2 < 0 || y3 < 0 || m0 < 0 || m1 < 0 || y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9 || m0 > 9 || m1 > 9) return undefined;
    const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
    const month = m0 * 10 + m1;
    if (month < 1 || month > 12) return undefined;
    if (length === 10) {
      if (text.charCodeAt(s + 7) !== 45) return undefined;
      const d0 = text.charCodeAt(s + 8) - 48;
      const d1 = text.charCodeAt(s + 9) - 48;
      if (d0 < 0 || d0 > 9 || d1 < 0 || d1 > 9) return undefined;
      const day = d0 * 10 + d1;
      const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
      const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
      if (day < 1 || day > days) return undefined;
    }
    const key = year * 12 + month - 1;
    let bucket = this.monthBuckets.get(key);
    if (bucket === undefined) {
      try {
        bucket = this.aggregator.bucket(text.slice(s, e));
      } catch {
        return undefined;
      }
      this.monthBuckets.set(key, bucket);
    }
    return bucket;
  }

  /** A record the fast path did not take (the header, quoted fields, anything to report). */
  private record(fields: string[], line: number, endColumn: number): void {
    this.lineNumber = line;
    if (!this.header) {
      if (line > 1 || (fields.length === 1 && fields[0]!.trim().length === 0)) this.notHeader();
      this.readHeader(fields);
      return;
    }
    const width = this.header.length;
    if (fields.length !== width)
      // too many: point at the first extra field; too few: just past the end of the line
      this.fail(`has ${fields.length} fields but the header has ${width}`, fields, width, fields.length > width ? undefined : endColumn);
    const c = this.col;
    let usage: UsageSlot[] | undefined;
    if (c.model >= 0) {
      this.longSlot[0] = fields[c.model]!;
      this.longSlot[1] = fields[c.usage]!;
      usage = this.longSlot[0].length > 0 ? this.longSlots : undefined;
    } else if (this.wide.length > 0) {
      for (const w of this.wide) w.slot[1] = fields[w.index]!;
      usage = this.slots;
    }
    try {
      this.aggregator.add(
        this.lineNumber,
        fields[c.period]!,
        c.currency >= 0 ? fields[c.currency]! : undefined,
        fields[c.gross]!,
        c.refunds >= 0 ? fields[c.refunds]! : "",
        c.mau >= 0 ? fields[c.mau]! : "",
        usage,
      );
    } catch (error) {
      if (!(error instanceof RevenueFieldError)) throw error;
      const index = this.header.indexOf(error.field);
      this.fail(error.message, fields, index < 0 ? 0 : index);
    }
  }

  private readHeader(names: string[]): void {
    if (names.length > MAX_CSV_COLUMNS) this.fail(`the header has more than ${MAX_CSV_COLUMNS} columns`, undefined, 0);
    const header = names.map((n) => n.trim());
    const seen = new Set<string>();
    header.forEach((name, index) => {
      if (seen.has(name)) this.fail(`column "${name}" appears twice in the header`, header, index);
      seen.add(name);
      if (KNOWN.has(name)) this.col[name as keyof typeof this.col] = index;
      else if (name.startsWith("usage:") && name.length > 6) {
        if (!/^[^\s,"]{1,256}$/.test(name.slice(6))) this.fail(`"${name.slice(6)}" is not a model id`, header, index);
        const slot: UsageSlot = [name.slice(6), "", name];
        this.wide.push({ index, slot });
        this.slots.push(slot);
      } else if (!name.startsWith("x-"))
        this.fail(
          `unknown column "${name}" (expected period, currency, gross, refunds, mau, usage:<modelId>, model, usage; prefix a column with x- to ignore it)`,
          header,
          index,
        );
    });
    const c = this.col;
    for (const required of ["period", "currency", "gross"] as const)
      if (c[required] < 0) this.fail(`the header has no "${required}" column`, undefined, 0);
    if ((c.model >= 0) !== (c.usage >= 0)) this.fail('the long form needs both a "model" and a "usage" column', undefined, 0);
    if (c.model >= 0 && this.wide.length > 0) this.fail('use either "usage:<modelId>" columns or "model" + "usage" columns, not both', undefined, 0);
    this.header = header;
    this.bounds = new Int32Array(2 * header.length);
    this.usageDots = new Array<number>(this.wide.length).fill(0);
  }
}

/**
 * Parses a whole CSV revenue report held in memory. For large files use `RevenueCsvParser`
 * (or `readRevenueFile` from `omrl/node`), which stream.
 *
 * @example
 * parseRevenueCsv("period,currency,gross\n2026-07,USD,1000.00\n", { source: "r.csv" })
 */
export function parseRevenueCsv(text: string, options: RevenueCsvParserOptions = {}): RevenueReport {
  const parser = new RevenueCsvParser(options);
  parser.push(text);
  return parser.end();
}
