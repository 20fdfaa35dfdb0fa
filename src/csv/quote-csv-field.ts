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
