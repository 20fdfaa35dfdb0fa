/** Licence texts longer than this (characters) are only read this far: the longest SPDX text is ~100 KB. */
export const MAX_LICENSE_TEXT_CHARS = 512 * 1024;
/** At most this many distinct words are kept from one text. */
export const MAX_LICENSE_WORDS = 20_000;

/**
 * The normalised set of words of a licence text, for similarity in the manner of licensee: lower
 * case, British/American spellings and quotes unified, copyright lines, URLs, template fields
 * (`<year>`, `[name of copyright owner]`) and punctuation removed. Bounded: reads at most
 * {@link MAX_LICENSE_TEXT_CHARS} characters and keeps at most {@link MAX_LICENSE_WORDS} words.
 *
 * @example
 * normalizeLicenseWords("Copyright (c) 2024 Acme\nPermission is hereby granted…") // Set {"permission", "is", "hereby", "granted"}
 */
export function normalizeLicenseWords(text: string): Set<string> {
  const body = text
    .slice(0, MAX_LICENSE_TEXT_CHARS)
    .toLowerCase()
    .replace(/^[ \t>*#-]*(?:copyright\b|\(c\)|©).*$/gm, " ")
    .replace(/^.*\ball rights reserved\b.*$/gm, " ")
    .replace(/(?:https?|ftp):\/\/\S+/g, " ")
    .replace(/<[^<>\n]{0,80}>/g, " ")
    .replace(/\[[^\[\]\n]{0,80}\]/g, " ")
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/licenc/g, "licens")
    .replace(/\bper cent\b/g, "percent");
  const words = new Set<string>();
  for (const match of body.matchAll(/[a-z0-9]+/g)) {
    words.add(match[0]);
    if (words.size >= MAX_LICENSE_WORDS) break;
  }
  return words;
}
