import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvReader, CsvSyntaxError, formatCsvRecord, quoteCsvField, readCsv, readCsvText, type CsvReaderOptions } from "../../src/csv/index.js";
import { InvalidInputError } from "../../src/errors.js";

type Row = { fields: string[]; line: number; endColumn: number };
type Outcome = { rows: Row[] } | { error: { reason: string; line: number; column: number; fieldColumn: number; endLine: number } };

/** Reads `chunks` through one reader; the records, or the error it stops with. */
function read(chunks: readonly string[], options: Omit<CsvReaderOptions, "onRecord"> = {}): Outcome {
  const rows: Row[] = [];
  const reader = new CsvReader({ ...options, onRecord: (fields, line, endColumn) => rows.push({ fields, line, endColumn }) });
  try {
    for (const chunk of chunks) reader.push(chunk);
    reader.end();
    return { rows };
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    const { reason, line, column, fieldColumn, endLine } = error;
    return { error: { reason, line, column, fieldColumn, endLine } };
  }
}
const fields = (text: string, options: Omit<CsvReaderOptions, "onRecord"> = {}) => {
  const outcome = read([text], options);
  if ("error" in outcome) throw new Error(`${outcome.error.reason} at ${outcome.error.line}:${outcome.error.column}`);
  return outcome.rows.map((r) => r.fields);
};
/** `text` cut at the given offsets. */
const cut = (text: string, offsets: number[]) => {
  const at = [...new Set(offsets.map((o) => o % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let from = 0;
  for (const to of at) {
    chunks.push(text.slice(from, to));
    from = to;
  }
  chunks.push(text.slice(from));
  return chunks;
};

describe("CsvReader", () => {
  it("reads RFC 4180: quoted commas, doubled quotes, line breaks in quotes, CRLF, significant spaces", () => {
    expect(fields('a,b\r\n"x, y",2\n" lead",trail \n"say ""hi""","multi\r\nline"\r\nlast,1')).toEqual([
      ["a", "b"],
      ["x, y", "2"],
      [" lead", "trail "],
      ['say "hi"', "multi\r\nline"],
      ["last", "1"],
    ]);
  });

  it("skips blank lines and a byte-order mark, keeps empty fields, a lone \\r and a record of one empty field", () => {
    expect(fields('\ufeffa,b\n\n\r\n,\n1,\nx\ry,"",\n""\n')).toEqual([["a", "b"], ["", ""], ["1", ""], ["x\ry", "", ""], [""]]);
  });

  it("gives each record's first line and the column past its end", () => {
    const outcome = read(['h\n\n"a\nbc",d\r\ne,"f"\n']);
    expect(outcome).toEqual({
      rows: [
        { fields: ["h"], line: 1, endColumn: 2 },
        { fields: ["a\nbc", "d"], line: 3, endColumn: 6 },
        { fields: ["e", "f"], line: 5, endColumn: 6 },
      ],
    });
  });

  it("says what is wrong and where (line, column, the field's column)", () => {
    const error = (text: string, options = {}) => (read([text], options) as { error: unknown }).error;
    expect(error('a\nb,"open\n\nmore')).toMatchObject({ reason: "unclosed-quote", line: 2, column: 3, fieldColumn: 3 });
    expect(error('a\n"x"y')).toMatchObject({ reason: "text-after-quote", line: 2, column: 4, fieldColumn: 1 });
    expect(error('a,"b\nx"y,"z"')).toMatchObject({ reason: "text-after-quote", line: 2, column: 3 });
    expect(error('a\nbc,d"e')).toMatchObject({ reason: "quote-in-unquoted", line: 2, column: 5, fieldColumn: 4 });
    // one record per line: a quote must close on its line
    expect(error('a\n1,"x\ny"\n', { quotedLineBreaks: false })).toMatchObject({ reason: "unclosed-quote", line: 2, column: 3 });
    const thrown = (() => {
      try {
        readCsvText('a\n"x"y', { source: "f.csv", onRecord: () => {} });
      } catch (e) {
        return e;
      }
    })();
    expect(thrown).toBeInstanceOf(InvalidInputError);
    expect((thrown as Error).message).toMatch(/^f\.csv:2:4: unexpected text after a closing quote/);
  });

  it("bounds lines, records, fields and records counted, streaming or not", () => {
    const error = (chunks: string[], options: Omit<CsvReaderOptions, "onRecord">) => (read(chunks, options) as { error: unknown }).error;
    expect(error(["h\n", "x".repeat(11), "\n"], { maxLineLength: 10 })).toMatchObject({ reason: "line-too-long", line: 2 });
    // found before the line break arrives: the reader never holds more than a line
    const reader = new CsvReader({ maxLineLength: 10, onRecord: () => {} });
    reader.push("h\n");
    expect(() => reader.push("y".repeat(12))).toThrowError(/csv:2:1: line is longer than 10 characters/);
    expect(error(['"', "a\n".repeat(20)], { maxRecordLength: 16 })).toMatchObject({ reason: "record-too-long", line: 1 });
    expect(error(["a,b,c\n"], { maxFields: 2 })).toMatchObject({ reason: "too-many-fields", line: 1 });
    expect(error(['a,"b",c\n'], { maxFields: 2 })).toMatchObject({ reason: "too-many-fields", line: 1 });
    expect(error(["h\n1\n2\n"], { maxRecords: 2 })).toMatchObject({ reason: "too-many-records", line: 3, endLine: 3 });
    expect(error(['h\n1\n"2\n"\n'], { maxRecords: 2 })).toMatchObject({ reason: "too-many-records", line: 3, endLine: 4 });
  });

  it("hands a line without quotes to onLine as bounds in the text itself", () => {
    const text = '\ufeffa,b\r\nc,d\n"e",f\ng,h';
    const seen: string[] = [];
    const records: string[][] = [];
    readCsvText(text, {
      onLine: (t, start, end, line) => (expect(t).toBe(text), seen.push(`${line}:${t.slice(start, end)}`), line !== 2),
      onRecord: (f) => records.push(f),
    });
    expect(seen).toEqual(["1:a,b", "2:c,d", "4:g,h"]);
    expect(records).toEqual([["c", "d"], ["e", "f"]]);
  });

  it("reads strings, iterables of bytes (a character split across chunks) and web streams alike", async () => {
    const text = 'name,amount\n"Zoë, ""the"" one",12.50\nñandú,3\n';
    const bytes = new TextEncoder().encode(text);
    const expected = fields(text);
    const collect = async (input: Parameters<typeof readCsv>[0]) => {
      const rows: string[][] = [];
      const count = await readCsv(input, { onRecord: (f) => rows.push(f) });
      expect(count).toBe(rows.length);
      return rows;
    };
    expect(await collect(text)).toEqual(expected);
    const split = [bytes.slice(0, 15), bytes.slice(15, 16), bytes.slice(16)]; // "ë" is bytes 14–15
    expect(await collect(split)).toEqual(expected);
    expect(
      await collect(
        (async function* () {
          yield* split;
        })(),
      ),
    ).toEqual(expected);
    expect(await collect(new Blob([bytes]).stream())).toEqual(expected);
  });
});

// text made of what CSV cares about, so that quotes, breaks and commas meet in every order
const csvish = fc.string({ unit: fc.constantFrom("a", "b", " ", ",", '"', "\n", "\r", "é", "\ufeff"), maxLength: 60 });
const offsets = fc.array(fc.nat({ max: 200 }), { maxLength: 8 });

describe("CsvReader properties", () => {
  it("reads back exactly the records formatCsvRecord wrote, with either line break", () => {
    const field = fc.oneof(fc.string({ maxLength: 12 }), csvish, fc.string({ unit: "grapheme", maxLength: 6 }));
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 1, maxLength: 6 }), { maxLength: 12 }), fc.constantFrom("\n", "\r\n"), (rows, eol) => {
        const text = rows.map(formatCsvRecord).join(eol);
        expect(fields(text)).toEqual(rows);
        expect(fields(text + eol)).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });

  it("quoteCsvField leaves plain fields alone and quotes the rest", () => {
    fc.assert(
      fc.property(csvish, (field) => {
        const quoted = quoteCsvField(field);
        if (quoted === field) expect(field).not.toMatch(/[",\r\n]/);
        else expect(fields(`${quoted},x`)).toEqual([[field, "x"]]);
      }),
    );
  });

  it("gives the same records, lines and errors however the text is cut into chunks", () => {
    fc.assert(
      fc.property(csvish, offsets, fc.boolean(), (text, at, quotedLineBreaks) => {
        const options = { quotedLineBreaks, maxLineLength: 40, maxRecordLength: 50 };
        expect(read(cut(text, at), options)).toEqual(read([text], options));
        expect(read(Array.from(text), options)).toEqual(read([text], options));
      }),
      { numRuns: 1000 },
    );
  });

  it("gives the same records whether a line takes the fast path or the quoted one", () => {
    const plain = fc.string({ unit: fc.constantFrom("a", "b", " ", "é"), maxLength: 5 });
    fc.assert(
      fc.property(fc.array(fc.array(plain, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }), (rows) => {
        const bare = rows.map((r) => r.join(",")).join("\n");
        const quoted = rows.map((r) => r.map((f) => `"${f}"`).join(",")).join("\n");
        const expected = rows.filter((r) => r.length > 1 || r[0] !== "");
        expect(fields(bare)).toEqual(expected);
        expect(fields(quoted)).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });
});

describe("one CSV reader in src/", () => {
  it("reads quoted CSV fields only in src/csv/ (revenue reports and QF contributions go through it)", async () => {
    const { readdir, readFile } = await import("node:fs/promises");
    const { join } = await import("node:path");
    const src = new URL("../../src/", import.meta.url).pathname;
    const hits: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await walk(path);
        else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) {
          const text = await readFile(path, "utf8");
          // a reader looks for the next quote; writers only double quotes
          if (/indexOf\((?:'"'|"\\"")/.test(text)) hits.push(path.slice(src.length));
        }
      }
    };
    await walk(src);
    expect(hits.sort()).toEqual(["csv/csv-reader.ts"]);
    for (const caller of ["funding/csv.ts", "obligations/revenue/parse-revenue-csv.ts"])
      expect(await readFile(join(src, caller), "utf8")).toMatch(/from "\.\.\/(?:\.\.\/)?csv\/index\.js"/);
  });
});
