/** The project's one JSON-pointer locator and one Markdown-table escaper (issue 15), and that no copy creeps back. */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { escapeMarkdownCell, locateJsonPointer } from "../../src/text/index.js";

const SRC = new URL("../../src/", import.meta.url).pathname;

async function sources(dir = SRC): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sources(path)));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) out.push(path);
  }
  return out;
}

describe("locateJsonPointer", () => {
  const text = '{\n  "a": {\n    "b": [10, {"c": true}]\n  }\n}';
  it("points at a member's key by default, at its value on request", () => {
    expect(locateJsonPointer(text, "/a/b")).toEqual({ line: 3, column: 5 });
    expect(locateJsonPointer(text, "/a/b", { at: "value" })).toEqual({ line: 3, column: 10 });
    expect(locateJsonPointer(text, "/a/b/1/c", { at: "value" })).toEqual({ line: 3, column: 21 });
  });
  it("returns undefined for a pointer that names nothing, or the deepest part found with `nearest`", () => {
    expect(locateJsonPointer(text, "/a/x")).toBeUndefined();
    expect(locateJsonPointer(text, "/a/x", { nearest: true })).toEqual({ line: 2, column: 3 });
    expect(locateJsonPointer(text, "no-slash")).toBeUndefined();
  });
});

describe("escapeMarkdownCell", () => {
  it("escapes pipes and backslashes, flattens line breaks and neutralises HTML", () => {
    expect(escapeMarkdownCell("a|b\\c\r\nd<script>")).toBe("a\\|b\\\\c d&lt;script>");
  });
});

describe("one helper of each kind in src/", () => {
  it("has a single JSON-pointer locator, Markdown-cell escaper and front-matter splitter", async () => {
    const files = await sources();
    const hits = { locator: [] as string[], escaper: [] as string[], splitter: [] as string[] };
    for (const file of files) {
      const text = await readFile(file, "utf8");
      const rel = file.slice(SRC.length);
      if (text.includes("skipString")) hits.locator.push(rel);
      if (text.includes(String.raw`.replace(/\|/g, "\\|")`)) hits.escaper.push(rel); // a Markdown pipe escape
      if (/\^---\[ \\t\]\*\\r\?\\n/.test(text) || /=== "---"/.test(text)) hits.splitter.push(rel);
    }
    expect(hits).toEqual({ locator: ["text/locate-json-pointer.ts"], escaper: ["text/escape-markdown-cell.ts"], splitter: ["artifacts/model-card.ts"] });
  });
});
