import { isMap, parseDocument } from "yaml";
import { ArtifactParseError } from "./errors.js";

/** The model card keys the licence rules read, typed; everything else is in `raw`. */
export type CardFrontMatter = {
  /** `license`: a Hub licence id (`apache-2.0`, `other`…) or a list of them. */
  license?: string | string[] | undefined;
  licenseName?: string | undefined;
  licenseLink?: string | undefined;
  baseModel?: string | string[] | undefined;
  /** `base_model_relation`: `adapter` | `merge` | `quantized` | `finetune` (as written). */
  baseModelRelation?: string | undefined;
  /** Every `extra_gated_*` key, as found (a gated repo's access form). */
  extraGated: Record<string, unknown>;
  tags: string[];
  /** The whole front matter as plain JS. */
  raw: Record<string, unknown>;
};

export type CardIssue = { key: string; message: string };

export type CardError = {
  /** `yaml-invalid`: does not parse; `not-a-mapping`: parses to a list or scalar; `unclosed`: no closing `---`; `too-large`: the YAML is over {@link MAX_FRONT_MATTER_CHARS}. */
  code: "yaml-invalid" | "not-a-mapping" | "unclosed" | "too-large";
  message: string;
  /** 1-based line and column in the card file. */
  line?: number | undefined;
  col?: number | undefined;
};

export type ParsedModelCard = {
  /** Undefined when the card has no front matter, or it does not parse (see `error`). */
  frontMatter?: CardFrontMatter | undefined;
  /** The Markdown after the front matter (the whole text when there is none). */
  body: string;
  error?: CardError | undefined;
  /** Keys present with the wrong type (e.g. `license: 3`); they are left out of the typed fields. */
  issues: CardIssue[];
  /** Set when the file is a Git LFS pointer rather than the card itself. */
  lfsPointer?: { oid: string; size: number } | undefined;
  /** 1-based line in the card file of each top-level front-matter key (`license`, `base_model`…), for reports. */
  keyLines: Record<string, number>;
};

/** Front matter longer than this (characters of YAML) is not parsed: a card's metadata is a few KiB. */
export const MAX_FRONT_MATTER_CHARS = 256 * 1024;

/** Where the front matter sits in the text (character offsets), for parsing and rewriting. */
type FrontMatterSpan = {
  /** Start of the YAML (after the opening `---` line) and its end (start of the closing `---` line). */
  yamlStart: number;
  yamlEnd: number;
  /** Where the body starts (after the closing line and its newline). */
  bodyStart: number;
  /** 1-based line number of the first YAML line. */
  firstLine: number;
};

const LFS_POINTER = /^version https:\/\/git-lfs\.github\.com\/spec\/v1\r?\n(?:[a-z0-9.-]+ [^\r\n]*\r?\n)*?oid sha256:([0-9a-f]{64})\r?\n(?:[a-z0-9.-]+ [^\r\n]*\r?\n)*?size (\d+)\r?\n?/;

/** Detects a Git LFS pointer file (a card committed through LFS has no readable front matter). */
export function parseLfsPointer(text: string): { oid: string; size: number } | undefined {
  if (text.length > 1024) return undefined;
  const match = LFS_POINTER.exec(text);
  return match ? { oid: match[1]!, size: Number(match[2]) } : undefined;
}

/**
 * Finds the front matter as the Hub does: optional blank lines, a `---` line, YAML, a `---` line.
 * Returns `unclosed` when the opener has no closer, `undefined` when there is no opener.
 */
function locateFrontMatter(text: string): FrontMatterSpan | "unclosed" | undefined {
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  // skip leading blank lines
  for (;;) {
    const newline = text.indexOf("\n", at);
    const current = text.slice(at, newline === -1 ? text.length : newline);
    if (current.trim() !== "" || newline === -1) break;
    at = newline + 1;
    line++;
  }
  const openerEnd = text.indexOf("\n", at);
  if (openerEnd === -1 || text.slice(at, openerEnd).trimEnd() !== "---") return undefined;
  const yamlStart = openerEnd + 1;
  let cursor = yamlStart;
  while (cursor <= text.length) {
    const newline = text.indexOf("\n", cursor);
    const lineEnd = newline === -1 ? text.length : newline;
    if (text.slice(cursor, lineEnd).trimEnd() === "---")
      return { yamlStart, yamlEnd: cursor, bodyStart: newline === -1 ? text.length : newline + 1, firstLine: line + 1 };
    if (newline === -1) break;
    cursor = newline + 1;
  }
  return "unclosed";
}

/**
 * Parses a model card (`README.md`): the YAML front matter (`yaml`), typed licence fields, and
 * the body. Never throws on bad input: broken YAML is an `error` with line/column, a wrong-typed
 * key is an `issue`, a Git LFS pointer is reported as `lfsPointer`. Handles blank lines before
 * the opening `---`, CRLF line endings, a UTF-8 BOM, and cards with no front matter.
 *
 * @example
 * const card = parseModelCard(await source.readText("README.md"));
 * card.frontMatter?.license; // "other"
 * card.frontMatter?.licenseName; // "omrl-1.0"
 */
export function parseModelCard(text: string): ParsedModelCard {
  const lfsPointer = parseLfsPointer(text);
  if (lfsPointer) return { body: "", issues: [], lfsPointer, keyLines: {} };
  const span = locateFrontMatter(text);
  if (span === undefined) return { body: text, issues: [], keyLines: {} };
  if (span === "unclosed")
    return { body: text, issues: [], keyLines: {}, error: { code: "unclosed", message: "The front matter's opening `---` has no closing `---`." } };

  const body = text.slice(span.bodyStart);
  if (span.yamlEnd - span.yamlStart > MAX_FRONT_MATTER_CHARS)
    return { body, issues: [], keyLines: {}, error: { code: "too-large", message: `The front matter is larger than ${MAX_FRONT_MATTER_CHARS} characters; it is not read.`, line: span.firstLine, col: 1 } };
  const yamlText = text.slice(span.yamlStart, span.yamlEnd).replace(/\r\n/g, "\n");
  const keyLines = keyLinesOf(yamlText, span.firstLine);
  const doc = parseDocument(yamlText, { prettyErrors: true, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const position = first.linePos?.[0];
    return {
      body,
      issues: [],
      keyLines,
      error: {
        code: "yaml-invalid",
        message: first.message.split("\n")[0] ?? first.message,
        line: position ? position.line + span.firstLine - 1 : undefined,
        col: position?.col,
      },
    };
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { body, issues: [], keyLines, error: { code: "yaml-invalid", message: (error as Error).message } };
  }
  if (raw === null || raw === undefined) raw = {};
  if (typeof raw !== "object" || Array.isArray(raw))
    return { body, issues: [], keyLines, error: { code: "not-a-mapping", message: "The front matter is not a key/value mapping.", line: span.firstLine, col: 1 } };

  const record = raw as Record<string, unknown>;
  const issues: CardIssue[] = [];
  const stringOrList = (key: string): string | string[] | undefined => {
    const value = record[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === "string") return value;
    if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value as string[];
    issues.push({ key, message: `\`${key}\` should be a string or a list of strings.` });
    return undefined;
  };
  const string = (key: string): string | undefined => {
    const value = record[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === "string") return value;
    issues.push({ key, message: `\`${key}\` should be a string.` });
    return undefined;
  };
  const frontMatter: CardFrontMatter = { extraGated: {}, tags: [], raw: record };
  const set = <K extends keyof CardFrontMatter>(key: K, value: CardFrontMatter[K] | undefined) => {
    if (value !== undefined) frontMatter[key] = value;
  };
  set("license", stringOrList("license"));
  set("licenseName", string("license_name"));
  set("licenseLink", string("license_link"));
  set("baseModel", stringOrList("base_model"));
  set("baseModelRelation", string("base_model_relation"));
  const tags = stringOrList("tags");
  frontMatter.tags = tags === undefined ? [] : typeof tags === "string" ? [tags] : tags;
  for (const [key, value] of Object.entries(record)) if (key.startsWith("extra_gated_")) frontMatter.extraGated[key] = value;
  return { frontMatter, body, issues, keyLines };
}

/** The 1-based card line of each top-level key in the front matter's YAML (first occurrence). */
function keyLinesOf(yamlText: string, firstLine: number): Record<string, number> {
  const lines: Record<string, number> = {};
  let line = firstLine;
  for (let at = 0; at <= yamlText.length; line++) {
    const newline = yamlText.indexOf("\n", at);
    const current = yamlText.slice(at, newline === -1 ? yamlText.length : newline);
    const key = /^([A-Za-z_][\w.-]*)\s*:/.exec(current)?.[1];
    if (key !== undefined && lines[key] === undefined) lines[key] = line;
    if (newline === -1) break;
    at = newline + 1;
  }
  return lines;
}

/** Keys to set (any YAML-representable value); `undefined` deletes the key. */
export type CardFrontMatterUpdates = Record<string, unknown>;

/**
 * Sets front matter keys in a model card and returns the new text, keeping everything else:
 * other keys and their order, comments (through the `yaml` Document API), the text before the
 * opening `---`, the body byte for byte, and the card's line endings. A card without front
 * matter gets one. `omrl init` uses it to write `license: other`, `license_name: omrl-1.0`,
 * `license_link: LICENSE.md`.
 *
 * Throws `ArtifactParseError` (`yaml-invalid`, `lfs-pointer`) when the card cannot be edited safely.
 *
 * @example
 * const text = writeCardFrontMatter(card, { license: "other", license_name: "omrl-1.0", license_link: "LICENSE.md" });
 */
export function writeCardFrontMatter(text: string, updates: CardFrontMatterUpdates): string {
  if (parseLfsPointer(text))
    throw new ArtifactParseError("The model card is a Git LFS pointer; fetch the real README.md first.", { reason: "lfs-pointer", path: "README.md" });
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const span = locateFrontMatter(text);
  if (span === "unclosed")
    throw new ArtifactParseError("The front matter's opening `---` has no closing `---`.", { reason: "yaml-invalid", path: "README.md" });
  const yamlText = span ? text.slice(span.yamlStart, span.yamlEnd).replace(/\r\n/g, "\n") : "";
  const doc = parseDocument(yamlText, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const line = first.linePos?.[0] && span ? first.linePos[0].line + span.firstLine - 1 : undefined;
    throw new ArtifactParseError(`The front matter is not valid YAML: ${first.message.split("\n")[0]}`, {
      reason: "yaml-invalid",
      path: line === undefined ? "README.md" : `README.md:${line}`,
    });
  }
  if (doc.contents !== null && !isMap(doc.contents))
    throw new ArtifactParseError("The front matter is not a key/value mapping.", { reason: "yaml-invalid", path: "README.md" });
  for (const [key, value] of Object.entries(updates)) {
    if (value === undefined) doc.delete(key);
    else doc.set(key, value);
  }
  let yaml = doc.contents === null ? "" : doc.toString({ lineWidth: 0 });
  if (yaml === "{}\n") yaml = "";
  if (eol === "\r\n") yaml = yaml.replace(/\n/g, "\r\n");
  if (!span) return `---${eol}${yaml}---${eol}${text.length > 0 && !text.startsWith(eol) ? eol : ""}${text}`;
  return text.slice(0, span.yamlStart) + yaml + text.slice(span.yamlEnd);
}
