/**
 * Finds where the value at a JSON pointer starts in JSON text, as `line:column` (1-based), so an
 * error in a parsed document can name its place in the file. Only called on the error path.
 */
export function locateJsonPointer(text: string, pointer: string): string {
  const path = pointer === "" ? [] : pointer.slice(1).split("/").map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\r\n".includes(text[i]!)) i++;
  };
  const skipString = () => {
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    i++;
  };
  const readString = () => {
    const start = i;
    skipString();
    return JSON.parse(text.slice(start, i)) as string;
  };
  const skipValue = (): void => {
    ws();
    const c = text[i];
    if (c === '"') return skipString();
    if (c === "{" || c === "[") {
      const close = c === "{" ? "}" : "]";
      i++;
      ws();
      if (text[i] === close) return void i++;
      for (;;) {
        ws();
        if (c === "{") {
          skipString();
          ws();
          i++; // :
        }
        skipValue();
        ws();
        if (text[i++] !== ",") return;
      }
    }
    while (i < text.length && !",]}\r\n\t ".includes(text[i]!)) i++;
  };
  let depth = 0;
  outer: while (depth < path.length) {
    ws();
    const want = path[depth]!;
    const c = text[i];
    if (c === "{") {
      i++;
      for (;;) {
        ws();
        if (text[i] !== '"') break outer;
        const key = readString();
        ws();
        i++; // :
        ws();
        if (key === want) {
          depth++;
          continue outer;
        }
        skipValue();
        ws();
        if (text[i++] !== ",") break outer;
      }
    } else if (c === "[") {
      i++;
      const index = Number(want);
      for (let k = 0; ; k++) {
        ws();
        if (k === index) {
          depth++;
          continue outer;
        }
        skipValue();
        ws();
        if (text[i++] !== ",") break outer;
      }
    } else break;
  }
  ws();
  return lineColumn(text, Math.min(i, text.length));
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
