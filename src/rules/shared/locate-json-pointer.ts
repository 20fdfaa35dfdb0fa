/**
 * Where the value a JSON pointer names starts in a JSON text: 1-based line and column. For a
 * member of an object it is the member's key. `undefined` when the text does not parse this far or
 * the pointer names nothing. Linear in the text; no recursion limit problems (depth ≤ pointer).
 *
 * @example
 * locateJsonPointer('{\n  "a": [1, 2]\n}', "/a/1") // { line: 2, column: 12 }
 */
export function locateJsonPointer(text: string, pointer: string): { line: number; column: number } | undefined {
  if (pointer !== "" && !pointer.startsWith("/")) return undefined;
  const segments = pointer === "" ? [] : pointer.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const skipString = () => {
    i++; // opening quote
    while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    i++;
  };
  const readString = (): string => {
    const start = i;
    skipString();
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return "";
    }
  };
  // Skips one value without descending into the target (iterative over brackets).
  const skipValue = () => {
    ws();
    let depth = 0;
    do {
      const c = text[i];
      if (c === undefined) return;
      if (c === '"') skipString();
      else {
        if (c === "{" || c === "[") depth++;
        else if (c === "}" || c === "]") depth--;
        else if (depth === 0 && (c === "," )) return;
        i++;
        if (depth === 0 && c !== "{" && c !== "[" && c !== "}" && c !== "]") {
          // a scalar: run to its end
          while (i < text.length && !/[\s,\]}]/.test(text[i]!)) i++;
          return;
        }
      }
    } while (depth > 0 && i < text.length);
  };
  let at = (ws(), i);
  for (const segment of segments) {
    ws();
    const open = text[i];
    if (open === "{") {
      i++;
      let found = false;
      for (;;) {
        ws();
        if (text[i] !== '"') return undefined;
        const keyAt = i;
        const key = readString();
        ws();
        if (text[i] !== ":") return undefined;
        i++;
        ws();
        if (key === segment) {
          at = keyAt;
          found = true;
          break;
        }
        skipValue();
        ws();
        if (text[i] !== ",") return undefined;
        i++;
      }
      if (!found) return undefined;
    } else if (open === "[") {
      if (!/^\d+$/.test(segment)) return undefined;
      const index = Number(segment);
      i++;
      for (let k = 0; k < index; k++) {
        skipValue();
        ws();
        if (text[i] !== ",") return undefined;
        i++;
      }
      ws();
      if (text[i] === "]") return undefined;
      at = i;
    } else return undefined;
  }
  const before = text.slice(0, at);
  const line = before.split("\n").length;
  return { line, column: at - before.lastIndexOf("\n") };
}
