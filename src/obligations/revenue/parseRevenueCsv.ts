import { InvalidInputError } from "../../errors.js";
import { RevenueAggregator, RevenueFieldError } from "./aggregator.js";
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
  private pending = "";
  private lineNumber = 0;
  private header: string[] | undefined;
  private col = { period: -1, currency: -1, gross: -1, refunds: -1, mau: -1, model: -1, usage: -1 };
  private wide: { index: number; slot: UsageSlot }[] = [];
  private slots: UsageSlot[] = [];
  private readonly longSlot: UsageSlot = ["", "", "usage"];
  private readonly longSlots: UsageSlot[] = [this.longSlot];

  constructor(options: RevenueCsvParserOptions = {}) {
    this.source = options.source ?? "revenue.csv";
    this.aggregator = new RevenueAggregator({ source: this.source });
  }

  /** Feeds the next chunk of text. */
  push(chunk: string): void {
    let text = this.pending.length > 0 ? this.pending + chunk : chunk;
    let start = 0;
    for (;;) {
      const nl = text.indexOf("\n", start);
      if (nl < 0) break;
      if (nl - start > MAX_CSV_LINE_LENGTH + 1) this.tooLong();
      this.line(text.slice(start, nl));
      start = nl + 1;
    }
    this.pending = start === 0 ? text : text.slice(start);
    if (this.pending.length > MAX_CSV_LINE_LENGTH + 1) this.tooLong();
    text = "";
  }

  /** Ends the input and returns the aggregated report. */
  end(): RevenueReport {
    if (this.pending.length > 0) {
      this.line(this.pending);
      this.pending = "";
    }
    if (!this.header) throw new InvalidInputError("the revenue report is empty (expected a header row)", { location: this.source });
    try {
      return this.aggregator.finish();
    } catch (error) {
      if (error instanceof RevenueFieldError) throw new InvalidInputError(error.message, { location: this.source });
      throw error;
    }
  }

  private tooLong(): never {
    throw new InvalidInputError(`line is longer than ${MAX_CSV_LINE_LENGTH} characters`, {
      location: `${this.source}:${this.lineNumber + 1}:1`,
    });
  }

  private fail(message: string, fields: readonly string[] | undefined, index: number, at?: number): never {
    let column = at ?? 1;
    if (fields && at === undefined) for (let i = 0; i < index && i < fields.length; i++) column += fields[i]!.length + 1;
    throw new InvalidInputError(message, { location: `${this.source}:${this.lineNumber}:${column}`, docsPath: "/docs/obligations.md#revenue-reports" });
  }

  private line(raw: string): void {
    this.lineNumber++;
    let text = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
    if (this.lineNumber === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.length > MAX_CSV_LINE_LENGTH) this.tooLong();
    if (!this.header) {
      if (text.trim().length === 0) this.fail("the first line must be the header row", undefined, 0);
      this.readHeader(text.indexOf('"') >= 0 ? this.splitQuoted(text) : text.split(","));
      return;
    }
    if (text.length === 0) return;
    const fields = text.indexOf('"') >= 0 ? this.splitQuoted(text) : text.split(",");
    const width = this.header.length;
    if (fields.length !== width)
      // too many: point at the first extra field; too few: just past the end of the line
      this.fail(`has ${fields.length} fields but the header has ${width}`, fields, width, fields.length > width ? undefined : text.length + 1);
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
  }

  /** RFC 4180 fields of one line (quotes, doubled quotes); a quoted field may not span lines. */
  private splitQuoted(text: string): string[] {
    const fields: string[] = [];
    let i = 0;
    for (;;) {
      if (text.charCodeAt(i) === 34) {
        let value = "";
        let j = i + 1;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) this.fail("a quoted field is not closed on its line", fields, fields.length);
          value += text.slice(j, q);
          if (text.charCodeAt(q + 1) === 34) {
            value += '"';
            j = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        fields.push(value);
        if (i >= text.length) return fields;
        if (text.charCodeAt(i) !== 44) this.fail("unexpected text after a quoted field", fields, fields.length);
        i++;
      } else {
        const comma = text.indexOf(",", i);
        const end = comma < 0 ? text.length : comma;
        const value = text.slice(i, end);
        if (value.indexOf('"') >= 0) this.fail('a quote (") inside an unquoted field', fields, fields.length);
        fields.push(value);
        if (comma < 0) return fields;
        i = comma + 1;
      }
    }
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
