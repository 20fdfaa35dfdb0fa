import { locateJsonPointer as locate } from "../../text/index.js";

/**
 * Where the value at a JSON pointer starts in JSON text, as `line:column` (1-based), so an error
 * in a parsed document can name its place in the file: the project's one locator, at the value.
 */
export function locateJsonPointer(text: string, pointer: string): string {
  const at = locate(text, pointer, { at: "value", nearest: true });
  return at === undefined ? "1:1" : `${at.line}:${at.column}`;
}

/** `line:column` (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let k = text.indexOf("\n"); k >= 0 && k < offset; k = text.indexOf("\n", k + 1)) {
    line++;
    lineStart = k + 1;
  }
  return `${line}:${offset - lineStart + 1}`;
}

/**
 * The offset of the first JSON syntax error in `text` (for messages that do not carry one), or
 * `text.length` when the error is at the end. Recursion depth is bounded.
 */
export function findJsonSyntaxError(text: string): number {
  let i = 0;
  class Stop extends Error {}
  const stop = (): never => {
    throw new Stop();
  };
  const ws = () => {
    while (i < text.length && " \t\r\n".includes(text[i]!)) i++;
  };
  const value = (depth: number): void => {
    if (depth > 512) stop();
    ws();
    const c = text[i];
    if (c === "{" || c === "[") {
      const object = c === "{";
      i++;
      ws();
      if (text[i] === (object ? "}" : "]")) return void i++;
      for (;;) {
        if (object) {
          ws();
          if (text[i] !== '"') stop();
          string();
          ws();
          if (text[i] !== ":") stop();
          i++;
        }
        value(depth + 1);
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === (object ? "}" : "]")) return void i++;
        stop();
      }
    }
    if (c === '"') return string();
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) stop();
    i += m![0].length;
  };
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) stop();
      i += text[i] === "\\" ? 2 : 1;
    }
    if (i >= text.length) stop();
    i++;
  };
  try {
    value(0);
    ws();
    return i;
  } catch (error) {
    if (error instanceof Stop) return Math.min(i, text.length);
    throw error;
  }
}
