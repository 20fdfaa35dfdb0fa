/**
 * One CSV field as RFC 4180 text: quoted (quotes doubled) when it holds a comma, a quote, a line
 * break or a `\r`, or starts with a byte-order mark; otherwise as it is.
 *
 * @example
 * quoteCsvField('say "hi", then go') // '"say ""hi"", then go"'
 */
export function quoteCsvField(field: string): string {
  if (!/[",\n\r]/.test(field) && field.charCodeAt(0) !== 0xfeff) return field;
  return `"${field.replaceAll('"', '""')}"`;
}

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
