/** At most this many copyright lines are taken from one file, each cut to 300 characters. */
export const MAX_COPYRIGHT_LINES = 50;

/**
 * The copyright lines of a licence or NOTICE file (`Copyright 2024 Acme Inc.`, `(c) …`, `© …`), as
 * written, without template placeholders (`Copyright [yyyy] [name of copyright owner]`) and
 * without licence boilerplate that merely mentions copyright. Bounded in count and length.
 *
 * @example
 * extractCopyrightLines("MIT License\n\nCopyright (c) 2024 Acme Inc.\n\nPermission…") // ["Copyright (c) 2024 Acme Inc."]
 */
export function extractCopyrightLines(text: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of text.slice(0, 512 * 1024).split(/\r?\n/)) {
    const line = raw.trim().replace(/^[>*#-]+\s*/, "");
    if (!/^(?:copyright\b|\(c\)\s*\d|©)/i.test(line)) continue;
    if (/[<[]\s*(?:yyyy|year|name|copyright holder|owner|fullname)/i.test(line)) continue; // a template field
    if (!/\d{4}|©|\(c\)/i.test(line) || /^copyright (?:notice|and|law|holder|owner|license|statement|protection)/i.test(line)) continue;
    const cut = line.slice(0, 300);
    if (seen.has(cut)) continue;
    seen.add(cut);
    out.push(cut);
    if (out.length >= MAX_COPYRIGHT_LINES) break;
  }
  return out;
}
