/**
 * UTF-8 length of a text without encoding it (a lone surrogate counts as U+FFFD's 3 bytes, as
 * encoders write it), counting no further than just past `limit` when one is given.
 *
 * @example
 * utf8Length("héllo") // 6
 */
export function utf8Length(text: string, limit = Infinity): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
