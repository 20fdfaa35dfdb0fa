import { CsvSyntaxError, readCsvText } from "../csv/index.js";
import { InvalidInputError } from "../errors.js";

export type ParseCsvParameters = {
  /** Where the text came from, for errors (a file name). */
  source?: string;
  /** Most rows accepted (default 10,000,000): a parser bounds what it allocates. */
  maxRows?: number;
  /**
   * Receives the first record (the header) instead of `onRow`, and may return the indices of the
   * fields wanted: every later record then reaches `onRow` as just those fields, in that order
   * (`undefined` where a record is too short). Reading 4 columns of 10 allocates 4 strings a row.
   */
  onHeader?: (fields: string[]) => readonly number[] | void;
  /**
   * With `onHeader` picking fields: receives each record that sits on one line without quotes as
   * the picked fields' bounds in `text` (field k is `text.slice(from[k], to[k])`; −1 where the
   * record is too short; the two arrays are reused), instead of `onRow`, so that no string is
   * cut out of the text for it. Other records still reach `onRow`.
   */
  onRange?: (from: Int32Array, to: Int32Array, line: number) => void;
};

/**
 * Parses RFC 4180 CSV text and calls `onRow(fields, line)` for every record (the header too,
 * unless `onHeader` takes it).
 * Quoted fields may hold commas, doubled quotes and line breaks; unquoted fields are kept exactly,
 * spaces included (grant names have significant spaces). A `\r\n` or `\n` ends a record; a
 * blank line (or a line holding only `""`) is skipped. A quote inside an unquoted field, or an
 * unclosed quote, is an error that says where.
 *
 * Read by the shared streaming reader (`CsvReader`, src/csv/); this function adds what `omrl qf`
 * needs on its hot path: only the picked fields are cut out of a line, or none at all (`onRange`).
 *
 * @example
 * parseCsv('a,b\n"x, y",2\n', (row) => rows.push(row)) // [["a","b"], ["x, y","2"]]
 */
export function parseCsv(
  text: string,
  onRow: (fields: string[], line: number) => void,
  parameters: ParseCsvParameters = {},
): number {
  const { source = "csv", maxRows = 10_000_000, onHeader, onRange } = parameters;
  let pick: readonly number[] | undefined;
  let slotOf: Int32Array | undefined; // field index → position in the picked row, or −1
  let header = onHeader !== undefined;
  const onRecord = (all: string[], recordLine: number) => {
    if (all.length === 1 && all[0] === "") return; // a line holding only "" counts as blank
    if (header) {
      header = false;
      pick = onHeader!(all) ?? undefined;
      if (pick) {
        slotOf = new Int32Array(Math.max(0, ...pick) + 1).fill(-1);
        pick.forEach((field, k) => (slotOf![field] = k));
      }
      return;
    }
    onRow(pick ? pick.map((field) => all[field]!) : all, recordLine);
  };
  let rangeFrom: Int32Array | undefined;
  let rangeTo: Int32Array | undefined;
  let nextComma = -2; // where the next comma is (−1: none left; −2: not yet looked for)
  let commaText: string | undefined; // the text nextComma indexes
  // records on one line without quotes: only the picked fields are read off the line
  const onLine = (line: string, lineStart: number, contentEnd: number, recordLine: number): boolean => {
    if (!slotOf || header) return false; // split whole by the reader
    const lastField = slotOf.length - 1;
    if (onRange) {
      // the picked fields' bounds, read straight off the text
      const from = (rangeFrom ??= new Int32Array(pick!.length));
      const to = (rangeTo ??= new Int32Array(pick!.length));
      from.fill(-1);
      to.fill(-1);
      if (commaText !== line) {
        commaText = line;
        nextComma = -2;
      }
      let at = lineStart;
      for (let field = 0; field <= lastField; field++) {
        // the next comma is searched for once, however many short lines it lies beyond
        if (nextComma === -2 || (nextComma >= 0 && nextComma < at)) nextComma = line.indexOf(",", at);
        const stop = nextComma < 0 || nextComma > contentEnd ? contentEnd : nextComma;
        const slot = slotOf[field]!;
        if (slot >= 0) {
          from[slot] = at;
          to[slot] = stop;
        }
        if (stop === contentEnd) break;
        at = stop + 1;
      }
      onRange(from, to, recordLine);
      return true;
    }
    const content = line.slice(lineStart, contentEnd);
    const picked: string[] = new Array(pick!.length);
    let from = 0;
    for (let field = 0; field <= lastField; field++) {
      const comma = content.indexOf(",", from);
      const to = comma < 0 ? content.length : comma;
      const slot = slotOf[field]!;
      if (slot >= 0) picked[slot] = content.slice(from, to);
      if (comma < 0) break;
      from = comma + 1;
    }
    onRow(picked, recordLine);
    return true;
  };
  try {
    return readCsvText(text, { source, maxRecords: maxRows, onRecord, onLine });
  } catch (error) {
    throw error instanceof CsvSyntaxError ? fundingCsvError(error, source, maxRows) : error;
  }
}

/** The messages `parseCsv` has always given, from the shared reader's errors. */
function fundingCsvError(error: CsvSyntaxError, source: string, maxRows: number): InvalidInputError {
  const at = `${source}:${error.line}:${error.column}`;
  switch (error.reason) {
    case "unclosed-quote":
      return new InvalidInputError("unclosed quote", { location: at });
    case "text-after-quote":
      return new InvalidInputError("unexpected text after a closing quote", { location: at });
    case "quote-in-unquoted":
      return new InvalidInputError("a quote inside an unquoted field", { location: at });
    case "too-many-records":
      return new InvalidInputError(`more than ${maxRows} rows`, { location: `${source}:${error.endLine + 1}` });
    default:
      return error;
  }
}
