import { CsvSyntaxError, type CsvSyntaxReason } from "./csv-syntax-error.js";

/** Longest line a `CsvReader` accepts by default, in characters (1 MiB). */
export const DEFAULT_MAX_CSV_LINE_LENGTH = 1 << 20;
/** Longest record (lines joined by quoted line breaks) accepted by default, in characters (16 MiB). */
export const DEFAULT_MAX_CSV_RECORD_LENGTH = 1 << 24;
/** Most fields a record may have by default. */
export const DEFAULT_MAX_CSV_FIELDS = 65_536;

export type CsvReaderOptions = {
  /**
   * Receives every record: its fields (quotes removed), the line it starts on (1-based) and the
   * column just past its last character on its last line (`line.length + 1` for a one-line
   * record). The array is the caller's to keep.
   */
  onRecord: (fields: string[], line: number, endColumn: number) => void;
  /**
   * The fast path: receives each record that sits on one line without quotes as its bounds in
   * the text being read (`text.slice(start, end)`, the line break left out), before any string
   * is cut out of it. Returning `true` means the caller has dealt with the line; `false` (or no
   * `onLine`) sends the record to `onRecord`, split at its commas. When a whole text is read at
   * once (`end(text)`, `readCsvText`), `text` is that very string (a byte-order mark is skipped,
   * not cut off), so the bounds index it.
   */
  onLine?: ((text: string, start: number, end: number, line: number) => boolean) | undefined;
  /** The text's name for error locations (default `csv`). */
  source?: string | undefined;
  /**
   * Whether a quoted field may hold line breaks (RFC 4180; default `true`). With `false` a
   * record is one line, and a quote not closed on its line is an `unclosed-quote` error there.
   */
  quotedLineBreaks?: boolean | undefined;
  /** Longest line, in characters, not counting its line break (default 1 MiB). */
  maxLineLength?: number | undefined;
  /** Longest record, in characters, when quoted fields span lines (default 16 MiB). */
  maxRecordLength?: number | undefined;
  /** Most fields in one record (default 65,536). */
  maxFields?: number | undefined;
  /** Most records, the header included (default: no limit; records are not held). */
  maxRecords?: number | undefined;
};

/**
 * A streaming RFC 4180 CSV reader: `push` text in chunks of any size, split anywhere, then `end`.
 * Records end at `\n` or `\r\n` (a lone `\r` is data); a blank line is skipped; a byte-order
 * mark at the start is skipped; quoted fields hold commas, doubled quotes and (unless refused)
 * line breaks; unquoted fields are kept exactly, spaces included. What it holds is bounded by the
 * longest line or record, never by the number of records. Errors are `CsvSyntaxError`s that
 * say what and where (line, column).
 *
 * It reads the text in place: one `indexOf` per line finds the line break, one per chunk the
 * next quote, and a record without quotes reaches `onLine` as bounds in the chunk, so a caller
 * can read its fields without cutting strings out of it.
 *
 * @example
 * const rows: string[][] = [];
 * const reader = new CsvReader({ onRecord: (fields) => rows.push(fields) });
 * reader.push('a,b\n"x, y",');
 * reader.push("2\n");
 * reader.end(); // rows: [["a", "b"], ["x, y", "2"]]
 */
export class CsvReader {
  private readonly onRecord: CsvReaderOptions["onRecord"];
  private readonly onLine: CsvReaderOptions["onLine"];
  private readonly source: string;
  private readonly quotedLineBreaks: boolean;
  private readonly maxLineLength: number;
  private readonly maxRecordLength: number;
  private readonly maxFields: number;
  private readonly maxRecords: number;
  private pending = "";
  private nextLine = 1;
  private records = 0;
  private started = false;
  private ended = false;

  constructor(options: CsvReaderOptions) {
    this.onRecord = options.onRecord;
    this.onLine = options.onLine;
    this.source = options.source ?? "csv";
    this.quotedLineBreaks = options.quotedLineBreaks ?? true;
    this.maxLineLength = options.maxLineLength ?? DEFAULT_MAX_CSV_LINE_LENGTH;
    this.maxRecordLength = options.maxRecordLength ?? DEFAULT_MAX_CSV_RECORD_LENGTH;
    this.maxFields = options.maxFields ?? DEFAULT_MAX_CSV_FIELDS;
    this.maxRecords = options.maxRecords ?? Number.MAX_SAFE_INTEGER;
  }

  /** Records delivered so far (the header included). */
  get recordCount(): number {
    return this.records;
  }

  /** Lines read so far, blank ones included. */
  get lineCount(): number {
    return this.nextLine - 1;
  }

  /** Reads the next chunk of text. */
  push(chunk: string): void {
    if (this.ended) throw new Error("CsvReader: push after end");
    if (chunk.length === 0) return;
    const text = this.pending.length > 0 ? this.pending + chunk : chunk;
    this.pending = "";
    this.scan(text, false);
  }

  /**
   * Ends the input (the last record needs no line break) and returns the number of records.
   * `last`, when given, is the input's last chunk: `end(text)` reads a whole text in one pass,
   * and `onLine`'s bounds then index `text` itself, its last line included.
   */
  end(last = ""): number {
    if (this.ended) return this.records;
    this.ended = true;
    const text = this.pending.length > 0 ? this.pending + last : last;
    this.pending = "";
    if (text.length > 0) this.scan(text, true);
    return this.records;
  }

  private scan(text: string, final: boolean): void {
    let i = 0;
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) i = 1; // a byte-order mark is not part of the first field
    }
    const n = text.length;
    const maxLine = this.maxLineLength;
    const onLine = this.onLine;
    let nextQuote = text.indexOf('"', i);
    while (i < n) {
      let nl = text.indexOf("\n", i);
      if (nl < 0) {
        if (!final) break;
        nl = n;
      }
      const end = nl > i && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      if (end - i > maxLine) this.fail("line-too-long", this.nextLine, 1, 1, this.nextLine, this.nextLine, maxLine);
      if (nextQuote >= 0 && nextQuote < i) nextQuote = text.indexOf('"', i);
      if (nextQuote >= 0 && nextQuote < nl) {
        // a quote on this line: the general path, which may need more input
        const next = this.quoted(text, i, end, final);
        if (next < 0) break;
        i = next;
        continue;
      }
      const line = this.nextLine++;
      const start = i;
      i = nl + 1;
      if (end === start) continue; // a blank line
      if (++this.records > this.maxRecords) this.fail("too-many-records", line, 1, 1, line, line, this.maxRecords);
      if (onLine !== undefined && onLine(text, start, end, line)) continue;
      const fields = text.slice(start, end).split(",");
      if (fields.length > this.maxFields) this.fail("too-many-fields", line, 1, 1, line, line, this.maxFields);
      this.onRecord(fields, line, end - start + 1);
    }
    if (i < n) {
      const rest = i === 0 ? text : text.slice(i);
      if (rest.indexOf("\n") < 0) {
        // part of a line: bounded by the longest line (and its \r)
        if (rest.length > maxLine + 1) this.fail("line-too-long", this.nextLine, 1, 1, this.nextLine, this.nextLine, maxLine);
      } else if (rest.length > this.maxRecordLength)
        this.fail("record-too-long", this.nextLine, 1, 1, this.nextLine, this.nextLine, this.maxRecordLength);
      this.pending = rest;
    }
  }

  /**
   * Reads the record that starts at `start` and has a quote on its first line (which ends at
   * `lineEnd`, its `\r` left out). Returns where the next record starts, or −1 when the record
   * runs past the end of `text` and more input may come.
   */
  private quoted(text: string, start: number, lineEnd: number, final: boolean): number {
    const multiline = this.quotedLineBreaks;
    const n = text.length;
    // the end of the record's text: the line, or (when quoted fields may hold line breaks) the input so far
    const limit = multiline ? n : lineEnd;
    const recordLine = this.nextLine;
    let line = recordLine;
    let lineStart = start;
    const fields: string[] = [];
    let i = start;
    let next: number;
    let endColumn: number;
    for (;;) {
      const fieldColumn = i - lineStart + 1;
      const fieldLine = line;
      if (fields.length >= this.maxFields) this.fail("too-many-fields", line, fieldColumn, fieldColumn, recordLine, line, this.maxFields);
      if (i < limit && text.charCodeAt(i) === 34) {
        let value = "";
        let from = i + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0 || q >= limit) {
            if (multiline && !final) return this.incomplete(text, start, recordLine);
            this.fail("unclosed-quote", fieldLine, fieldColumn, fieldColumn, recordLine, line);
          }
          if (multiline)
            for (let k = text.indexOf("\n", from); k >= 0 && k < q; k = text.indexOf("\n", k + 1)) {
              line++;
              lineStart = k + 1;
            }
          if (q - start > this.maxRecordLength) this.fail("record-too-long", recordLine, 1, 1, recordLine, line, this.maxRecordLength);
          if (q + 1 < limit && text.charCodeAt(q + 1) === 34) {
            value += text.slice(from, q + 1);
            from = q + 2;
            continue;
          }
          if (multiline && !final && q + 1 >= n) return this.incomplete(text, start, recordLine); // a doubled quote may follow
          value = value.length === 0 ? text.slice(from, q) : value + text.slice(from, q);
          i = q + 1;
          break;
        }
        fields.push(value);
        if (i >= limit) {
          next = multiline ? n : this.lineBreakEnd(text, lineEnd);
          endColumn = i - lineStart + 1;
          break;
        }
        const c = text.charCodeAt(i);
        if (c === 44) {
          i++;
          continue;
        }
        if (c === 10 || (c === 13 && text.charCodeAt(i + 1) === 10)) {
          next = c === 10 ? i + 1 : i + 2;
          endColumn = i - lineStart + 1;
          break;
        }
        if (c === 13 && i + 1 >= n) {
          // a \r that ends the input ends the record, as on the fast path
          if (!final) return this.incomplete(text, start, recordLine);
          next = n;
          endColumn = i - lineStart + 1;
          break;
        }
        this.fail("text-after-quote", line, i - lineStart + 1, fieldColumn, recordLine, line);
      } else {
        // unquoted: up to a comma or the end of the line
        let j = i;
        for (; j < limit; j++) {
          const c = text.charCodeAt(j);
          if (c === 44 || c === 10) break;
          if (c === 34) this.fail("quote-in-unquoted", line, j - lineStart + 1, fieldColumn, recordLine, line);
        }
        if (j >= limit && multiline && !final) return this.incomplete(text, start, recordLine);
        const atBreak = j < limit && text.charCodeAt(j) === 10;
        // a \r before the line break (or ending the input) is not part of the field
        const valueEnd = (atBreak || j === n) && j > i && text.charCodeAt(j - 1) === 13 ? j - 1 : j;
        fields.push(text.slice(i, valueEnd));
        if (j < limit && !atBreak) {
          i = j + 1; // past the comma
          continue;
        }
        next = atBreak ? j + 1 : multiline ? n : this.lineBreakEnd(text, lineEnd);
        endColumn = valueEnd - lineStart + 1;
        break;
      }
    }
    this.nextLine = line + 1;
    if (next - start > this.maxRecordLength) this.fail("record-too-long", recordLine, 1, 1, recordLine, line, this.maxRecordLength);
    if (++this.records > this.maxRecords) this.fail("too-many-records", recordLine, 1, 1, recordLine, line, this.maxRecords);
    this.onRecord(fields, recordLine, endColumn);
    return next;
  }

  /** Where the record after a one-line record ending at `lineEnd` (before any `\r`) starts. */
  private lineBreakEnd(text: string, lineEnd: number): number {
    const nl = text.indexOf("\n", lineEnd);
    return nl < 0 ? text.length : nl + 1;
  }

  /** The record needs more input: checks it is not already too long, and says so (−1). */
  private incomplete(text: string, start: number, recordLine: number): number {
    if (text.length - start > this.maxRecordLength)
      this.fail("record-too-long", recordLine, 1, 1, recordLine, recordLine, this.maxRecordLength);
    return -1;
  }

  private fail(
    reason: CsvSyntaxReason,
    line: number,
    column: number,
    fieldColumn: number,
    recordLine: number,
    endLine: number,
    limit?: number,
  ): never {
    throw new CsvSyntaxError({ reason, source: this.source, line, column, fieldColumn, recordLine, endLine, limit });
  }
}
