import { CsvReader, type CsvReaderOptions } from "./csv-reader.js";

export type ReadCsvTextParameters = CsvReaderOptions;

/** The number of records read (the header included). */
export type ReadCsvTextReturnType = number;

/**
 * Reads CSV text held in memory, synchronously, through one `CsvReader` (`push` the text, `end`).
 * With `onLine`, the bounds it receives index `text` itself.
 *
 * @example
 * const rows: string[][] = [];
 * readCsvText('name,amount\n"Acme, Inc.",12.50\n', { onRecord: (fields) => rows.push(fields) });
 * // rows: [["name", "amount"], ["Acme, Inc.", "12.50"]]
 */
export function readCsvText(text: string, parameters: ReadCsvTextParameters): ReadCsvTextReturnType {
  return new CsvReader(parameters).end(text);
}
