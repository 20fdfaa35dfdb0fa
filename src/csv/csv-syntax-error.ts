import { InvalidInputError } from "../errors.js";

/** What is wrong with the CSV text (see `CsvSyntaxError`). */
export type CsvSyntaxReason =
  /** A quoted field has no closing quote (on its line, when quoted line breaks are refused). */
  | "unclosed-quote"
  /** Something other than a comma or a line break follows a closing quote. */
  | "text-after-quote"
  /** A quote inside a field that does not start with one. */
  | "quote-in-unquoted"
  /** A line longer than `maxLineLength`. */
  | "line-too-long"
  /** A record (lines joined by quoted line breaks) longer than `maxRecordLength`. */
  | "record-too-long"
  /** A record with more than `maxFields` fields. */
  | "too-many-fields"
  /** More than `maxRecords` records. */
  | "too-many-records";

export type CsvSyntaxErrorParameters = {
  reason: CsvSyntaxReason;
  /** The text's name (a file name), for the location. */
  source: string;
  /** 1-based line of the offending character (or the record, for the size limits). */
  line: number;
  /** 1-based column of the offending character on its line (1 for the size limits). */
  column: number;
  /** 1-based column where the offending field starts, on the line where it starts. */
  fieldColumn: number;
  /** The line the record starts on. */
  recordLine: number;
  /** The line the record ends on (for `too-many-records`; else the line of the error). */
  endLine: number;
  /** The limit that was exceeded, for the size reasons. */
  limit?: number | undefined;
};

const MESSAGES: Record<CsvSyntaxReason, (limit: number | undefined) => string> = {
  "unclosed-quote": () => "unclosed quote",
  "text-after-quote": () => "unexpected text after a closing quote",
  "quote-in-unquoted": () => 'a quote (") inside an unquoted field',
  "line-too-long": (limit) => `line is longer than ${limit} characters`,
  "record-too-long": (limit) => `record is longer than ${limit} characters`,
  "too-many-fields": (limit) => `record has more than ${limit} fields`,
  "too-many-records": (limit) => `more than ${limit} records`,
};

/**
 * CSV text that breaks RFC 4180 or a reader's bounds: says what (`reason`) and where
 * (`source:line:column`). Callers with messages of their own map it by `reason`.
 *
 * @example
 * try { readCsvText('a,"b', { onRecord: () => {} }) } catch (e) { if (e instanceof CsvSyntaxError) e.reason } // "unclosed-quote"
 */
export class CsvSyntaxError extends InvalidInputError {
  override name = "CsvSyntaxError";
  readonly reason: CsvSyntaxReason;
  readonly source: string;
  readonly line: number;
  readonly column: number;
  readonly fieldColumn: number;
  readonly recordLine: number;
  readonly endLine: number;
  readonly limit: number | undefined;

  constructor(parameters: CsvSyntaxErrorParameters) {
    super(MESSAGES[parameters.reason](parameters.limit), {
      location: `${parameters.source}:${parameters.line}:${parameters.column}`,
      docsPath: "/docs/csv.md",
    });
    this.reason = parameters.reason;
    this.source = parameters.source;
    this.line = parameters.line;
    this.column = parameters.column;
    this.fieldColumn = parameters.fieldColumn;
    this.recordLine = parameters.recordLine;
    this.endLine = parameters.endLine;
    this.limit = parameters.limit;
  }
}
