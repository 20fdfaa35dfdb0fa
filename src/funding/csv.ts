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
 * blank line is skipped. A quote inside an unquoted field, or an unclosed quote, is an
 * error that says where.
 *
 * Hand-written rather than a general CSV library because it is on the hot path of `omrl qf`:
 * one pass over the text, slicing unquoted fields without copying character by character.
 *
 * @example
 * parseCsv('a,b\n"x, y",2\n', (row) => rows.push(row)) // [["a","b"], ["x, y","2"]]
 */
export function parseCsv(
  text: string,
  onRow: (fields: string[], line: number) => void,
  parameters: ParseCsvParameters = {},
): number {
  const { source, maxRows = 10_000_000, onHeader, onRange } = parameters;
  let pick: readonly number[] | undefined;
  let slotOf: Int32Array | undefined; // field index → position in the picked row, or −1
  let header = onHeader !== undefined;
  const deliver = (all: string[], recordLine: number) => {
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
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte-order mark is not part of the header
  let line = 1;
  let rows = 0;
  let fields: string[] = [];
  // file:line:column, worked out only when there is an error to report
  const where = (at: number) => `${source ?? "csv"}:${line}:${at - text.lastIndexOf("\n", at - 1)}`;
  let nextQuote = text.indexOf('"', i);
  let rangeFrom: Int32Array | undefined;
  let rangeTo: Int32Array | undefined;
  let nextComma = i; // where the next comma is (−1: none left); i: not yet looked for
  while (i < n) {
    // fast path: a record on one line without quotes is split natively
    const end = fields.length > 0 ? -1 : lineEnd(text, i);
    if (end >= 0 && nextQuote >= 0 && nextQuote < i) nextQuote = text.indexOf('"', i);
    if (end >= 0 && (nextQuote < 0 || nextQuote > end)) {
      const contentEnd = end > i && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      const lineStart = i;
      const recordLine = line++;
      i = end + 1;
      if (contentEnd === lineStart) continue; // a blank line
      if (++rows > maxRows)
        throw new InvalidInputError(`more than ${maxRows} rows`, { location: `${source ?? "csv"}:${line}` });
      if (!slotOf || header) {
        deliver(text.slice(lineStart, contentEnd).split(","), recordLine);
        continue;
      }
      if (onRange) {
        // the picked fields' bounds, read straight off the text
        const from = (rangeFrom ??= new Int32Array(pick!.length));
        const to = (rangeTo ??= new Int32Array(pick!.length));
        from.fill(-1);
        to.fill(-1);
        const lastField = slotOf.length - 1;
        let at = lineStart;
        for (let field = 0; field <= lastField; field++) {
          // the next comma is searched for once, however many short lines it lies beyond
          if (nextComma >= 0 && nextComma < at) nextComma = text.indexOf(",", at);
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
        continue;
      }
      const content = text.slice(lineStart, contentEnd);
      // only the picked fields are sliced out of the line
      const picked: string[] = new Array(pick!.length);
      const lastField = slotOf.length - 1;
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
      continue;
    }
    const recordLine = line;
    // one field
    let value: string;
    if (text.charCodeAt(i) === 34 /* " */) {
      let start = i + 1;
      let parts = "";
      for (;;) {
        const q = text.indexOf('"', start);
        if (q < 0) throw new InvalidInputError("unclosed quote", { location: where(i) });
        for (let k = start; k < q; k++) if (text.charCodeAt(k) === 10) line++;
        if (text.charCodeAt(q + 1) === 34) {
          parts += text.slice(start, q + 1);
          start = q + 2;
          continue;
        }
        parts += text.slice(start, q);
        i = q + 1;
        break;
      }
      value = parts;
      const c = text.charCodeAt(i);
      if (i < n && c !== 44 && c !== 10 && c !== 13)
        throw new InvalidInputError("unexpected text after a closing quote", { location: where(i) });
    } else {
      let j = i;
      for (; j < n; j++) {
        const c = text.charCodeAt(j);
        if (c === 44 || c === 10 || c === 13) break;
        if (c === 34) throw new InvalidInputError("a quote inside an unquoted field", { location: where(j) });
      }
      value = text.slice(i, j);
      i = j;
    }
    fields.push(value);
    const c = i < n ? text.charCodeAt(i) : 10;
    if (c === 44) {
      i++;
      if (i >= n) fields.push("");
      continue;
    }
    // end of record
    if (c === 13) i++;
    if (i < n && text.charCodeAt(i) === 10) i++;
    line++;
    if (fields.length === 1 && value === "") {
      fields = []; // a blank line
      continue;
    }
    if (++rows > maxRows)
      throw new InvalidInputError(`more than ${maxRows} rows`, { location: `${source ?? "csv"}:${line}` });
    deliver(fields, recordLine);
    fields = [];
  }
  if (fields.length > 0) deliver(fields, line);
  return rows;
}

function lineEnd(text: string, from: number): number {
  const eol = text.indexOf("\n", from);
  return eol < 0 ? text.length : eol;
}
