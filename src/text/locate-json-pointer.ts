export type LocateJsonPointerParameters = {
  /** For a member of an object: its key (`key`, default — where an editor puts the cursor) or its value (`value`). */
  at?: "key" | "value" | undefined;
  /** When the pointer names nothing: the place of the deepest part found instead of `undefined`. */
  nearest?: boolean | undefined;
};

export type LocateJsonPointerReturnType = { line: number; column: number } | undefined;

/**
 * Where the value a JSON pointer names starts in a JSON text: 1-based line and column — the one
 * locator of the project (terms diagnostics, SARIF regions, revenue-report errors). For a member
 * of an object it is the member's key unless `at: "value"`. `undefined` when the text does not
 * parse this far or the pointer names nothing (unless `nearest`). Linear in the text; no
 * recursion (depth ≤ pointer).
 *
 * @example
 * locateJsonPointer('{\n  "a": [1, 2]\n}', "/a/1") // { line: 2, column: 12 }
 * locateJsonPointer('{\n  "a": 1\n}', "/a", { at: "value" }) // { line: 2, column: 8 }
 */
export function locateJsonPointer(text: string, pointer: string, parameters: LocateJsonPointerParameters = {}): LocateJsonPointerReturnType {
  if (pointer !== "" && !pointer.startsWith("/")) return undefined;
  const valueAt = parameters.at === "value";
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
  const position = (offset: number) => {
    const before = text.slice(0, offset);
    return { line: before.split("\n").length, column: offset - before.lastIndexOf("\n") };
  };
  const missing = () => (parameters.nearest ? position(at) : undefined);
  for (const segment of segments) {
    ws();
    const open = text[i];
    if (open === "{") {
      i++;
      let found = false;
      for (;;) {
        ws();
        if (text[i] !== '"') return missing();
        const keyAt = i;
        const key = readString();
        ws();
        if (text[i] !== ":") return missing();
        i++;
        ws();
        if (key === segment) {
          at = valueAt ? i : keyAt;
          found = true;
          break;
        }
        skipValue();
        ws();
        if (text[i] !== ",") return missing();
        i++;
      }
      if (!found) return missing();
    } else if (open === "[") {
      if (!/^\d+$/.test(segment)) return missing();
      const index = Number(segment);
      i++;
      for (let k = 0; k < index; k++) {
        skipValue();
        ws();
        if (text[i] !== ",") return missing();
        i++;
      }
      ws();
      if (text[i] === "]") return missing();
      at = i;
    } else return missing();
  }
  return position(at);
}
