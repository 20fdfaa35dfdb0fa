import { quoteCsvField } from "./quote-csv-field.js";

/**
 * One record as a CSV line (without its line break): fields quoted where needed, joined by
 * commas. A record of one empty field is written `""`, so that it is not read as a blank line.
 * `CsvReader` reads back exactly the fields written.
 *
 * @example
 * formatCsvRecord(["Acme, Inc.", "12.50"]) // '"Acme, Inc.",12.50'
 */
export function formatCsvRecord(fields: readonly string[]): string {
  if (fields.length === 1 && fields[0] === "") return '""';
  return fields.map(quoteCsvField).join(",");
}
