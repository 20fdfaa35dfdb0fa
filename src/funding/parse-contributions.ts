import { InvalidInputError } from "../errors.js";
import { parseDecimal } from "../money/index.js";
import { parseCsv } from "./csv.js";
import { parseTokenAmount, plainDecimalUnits, type AmountRounding } from "./parse-token-amount.js";
import type { Contribution } from "./types.js";

export type ParseContributionsParameters = {
  /** Decimals of the pool's token: amounts are read in that token (`"1.5"` → 1.5 tokens). */
  decimals: number;
  /** `exact` (default) refuses amounts finer than the token's resolution; `half-up` rounds them. */
  rounding?: AmountRounding;
  /** A file name for errors. */
  source?: string;
  /** CSV column names, when not the usual ones (see `CONTRIBUTION_COLUMNS`). */
  columns?: Partial<Record<keyof typeof CONTRIBUTION_COLUMNS, string>>;
  /** Keep only rows whose column equals the value, e.g. `{ success: "True" }`. */
  where?: Record<string, string>;
  /** Leave out rows with a negative amount (refunds, reversals) instead of refusing them. */
  skipNegative?: boolean;
  /** Most rows accepted (default 10 million). */
  maxRows?: number;
  /**
   * Receives each contribution as it is read, instead of the returned array (which is then
   * empty): with `createRoundBuilder().add`, a round is aggregated without holding its rows.
   */
  onContribution?: (contribution: Contribution) => void;
  /**
   * `text` is the file's UTF-8 bytes one per character (what Node's `buffer.toString("latin1")`
   * gives), not decoded text: only the fields used are decoded, each distinct name once. CSV's
   * commas, quotes and line breaks are ASCII and no byte of a multi-byte UTF-8 character is, so
   * the records split exactly as in the decoded text; the whole file is never decoded, and stays
   * one byte per character in memory. Columns in error locations then count bytes.
   */
  utf8Bytes?: boolean;
};

export type ParseContributionsReturnType = {
  contributions: Contribution[];
  /** Rows that `where` left out. */
  filteredOut: number;
  /** Rows left out for a negative amount (with `skipNegative`). */
  negativeSkipped: number;
};

/** The column names recognised in a header, first match wins (case-insensitive). */
export const CONTRIBUTION_COLUMNS = {
  contributor: ["contributor", "voter", "donor", "contributor_address", "from"],
  project: ["project", "project_name", "project_id", "grant", "grant_name", "grant_id"],
  amount: ["amount", "amount_usd", "amountusd", "value"],
  weight: ["weight"],
  recipient: ["recipient", "recipient_address", "payout_address"],
} as const;

type Field = keyof typeof CONTRIBUTION_COLUMNS;

/**
 * Reads contributions from CSV text with a header row. Names are kept exactly (commas, quotes
 * and spaces included); amounts are decimal text in the pool's token, converted to base units
 * exactly (`parseTokenAmount`); an optional `weight` column is a decimal multiplier for matching.
 *
 * @example
 * parseContributionsCsv("contributor,project,amount\nalice,llama-fr,12.5\n", { decimals: 6 })
 * // { contributions: [{ contributor: "alice", project: "llama-fr", amount: 12500000n }], filteredOut: 0 }
 */
export function parseContributionsCsv(
  text: string,
  parameters: ParseContributionsParameters,
): ParseContributionsReturnType {
  const { source = "contributions.csv", where = {}, decimals, rounding, utf8Bytes = false } = parameters;
  // a field as text: in utf8Bytes mode, decoded (only when it has a byte ≥ 0x80)
  const decode = utf8Bytes ? decodeUtf8Field : (field: string) => field;
  if (utf8Bytes && text.startsWith("\xef\xbb\xbf")) text = text.slice(3); // a UTF-8 byte-order mark
  const contributions: Contribution[] = [];
  let filteredOut = 0;
  let negativeSkipped = 0;
  let seenHeader = false;
  // rows arrive as the picked fields: contributor, project, amount, [weight], [recipient], filters…
  let weightAt = -1;
  let recipientAt = -1;
  let filters: [number, string][] = [];
  const onHeader = (header: string[]) => {
    seenHeader = true;
    if (utf8Bytes) header = header.map(decodeUtf8Field);
    const index = resolveColumns(header, parameters.columns, source);
    const pick = [index.contributor, index.project, index.amount];
    if (index.weight >= 0) weightAt = pick.push(index.weight) - 1;
    if (index.recipient >= 0) recipientAt = pick.push(index.recipient) - 1;
    filters = Object.entries(where).map(([column, value]) => {
      const at = header.findIndex((f) => f.trim().toLowerCase() === column.toLowerCase());
      if (at < 0) throw new InvalidInputError(`no column "${column}" to filter on`, { location: `${source}:1` });
      return [pick.push(at) - 1, utf8Bytes ? encodeUtf8Field(value) : value];
    });
    return pick;
  };
  // to the caller's sink, or kept
  const emit = parameters.onContribution ?? ((c: Contribution) => void contributions.push(c));
  // one string per distinct name (its hash computed once, for the sink's own lookups); in
  // utf8Bytes mode each name is decoded once. (A Map over the cut-out names beats hashing the
  // characters in JavaScript: in a one-shot CLI run most rows go by before the JIT has warmed up.)
  const names = new Map<string, string>();
  const intern = (name: string) => {
    const known = names.get(name);
    if (known !== undefined) return known;
    const text = decode(name);
    names.set(name, text);
    return text;
  };
  const amountOptions = { decimals, rounding };
  const halfUp = rounding === "half-up";
  const onRow = (fields: string[], line: number) => {
    for (let f = 0; f < filters.length; f++)
      if (fields[filters[f]![0]] !== filters[f]![1]) {
        filteredOut++;
        return;
      }
    const contributor = fields[0];
    const project = fields[1];
    const amountField = fields[2];
    const location = () => `${source}:${line}`; // built only for an error
    if (contributor === undefined || project === undefined || amountField === undefined)
      throw new InvalidInputError("the row has fewer fields than the header", { location: location() });
    if (contributor === "" || project === "")
      throw new InvalidInputError("a contribution needs a contributor and a project", { location: location() });
    // plain digits (the common case) need neither decoding nor the negative check
    let units = plainDecimalUnits(amountField, decimals, halfUp);
    if (units === undefined) {
      const amount = decode(amountField);
      if (parameters.skipNegative && amount.trimStart().startsWith("-")) {
        negativeSkipped++;
        return;
      }
      try {
        units = parseTokenAmount(amount, amountOptions);
      } catch (error) {
        if (!(error instanceof InvalidInputError)) throw error;
        units = parseTokenAmount(amount, { ...amountOptions, location: location() }); // throws again, saying where
      }
    }
    const weight = weightAt >= 0 ? fields[weightAt] && decode(fields[weightAt]!) : undefined;
    const recipient = recipientAt >= 0 ? fields[recipientAt] && decode(fields[recipientAt]!) : undefined;
    emit({
      contributor: intern(contributor),
      project: intern(project),
      amount: units,
      weight: weight ? parseDecimal(weight, { location: location() }) : undefined,
      recipient: recipient || undefined,
    });
  };

  // most records arrive as the fields' bounds in the text: the filter and the amount are read in
  // place, only the two names are cut out
  const nameOf = (from: number, to: number) => intern(text.slice(from, to));
  const amounts = new Map<string, bigint>(); // amount text → base units, for this file's decimals and rounding
  const sliceOf = (from: Int32Array, to: Int32Array) =>
    Array.from(from, (start, k) => (start < 0 ? undefined : text.slice(start, to[k]!))) as string[];
  const onRange = (from: Int32Array, to: Int32Array, line: number) => {
    for (let f = 0; f < filters.length; f++) {
      const filter = filters[f]!; // (no destructuring: an iterator per row until the JIT warms up)
      const slot = filter[0];
      const value = filter[1];
      const start = from[slot]!;
      if (start < 0 || to[slot]! - start !== value.length || !text.startsWith(value, start)) {
        filteredOut++;
        return;
      }
    }
    let units: bigint | undefined;
    if (from[0]! < to[0]! && from[1]! < to[1]! && from[2]! >= 0) {
      // amounts repeat (GR9: 4,833 distinct texts in 80,354 rows): each is read once
      const amount = text.slice(from[2]!, to[2]!);
      units = amounts.get(amount);
      if (units === undefined) {
        units = plainDecimalUnits(amount, decimals, halfUp);
        if (units !== undefined && amounts.size < MAX_CACHED_AMOUNTS) amounts.set(amount, units);
      }
    }
    // anything unusual (a missing field, an empty name, an amount that is not plain digits) is
    // left to the general path, which decides and says why
    if (units === undefined) return onRow(sliceOf(from, to), line);
    const weight = weightAt >= 0 && from[weightAt]! >= 0 ? decode(text.slice(from[weightAt]!, to[weightAt]!)) : undefined;
    const recipient =
      recipientAt >= 0 && from[recipientAt]! >= 0 ? decode(text.slice(from[recipientAt]!, to[recipientAt]!)) : undefined;
    emit({
      contributor: nameOf(from[0]!, to[0]!),
      project: nameOf(from[1]!, to[1]!),
      amount: units,
      weight: weight ? parseDecimal(weight, { location: `${source}:${line}` }) : undefined,
      recipient: recipient || undefined,
    });
  };

  parseCsv(text, onRow, { source, maxRows: parameters.maxRows, onHeader, onRange });
  if (!seenHeader) throw new InvalidInputError("the file is empty: no header row", { location: source });
  return { contributions, filteredOut, negativeSkipped };
}

/** Distinct amount texts remembered while parsing (a parser bounds what it allocates). */
const MAX_CACHED_AMOUNTS = 100_000;

const utf8Decoder = /* @__PURE__ */ new TextDecoder();
const utf8Encoder = /* @__PURE__ */ new TextEncoder();

/** A field of UTF-8 bytes held one per character, as text. */
function decodeUtf8Field(field: string): string {
  let k = 0;
  while (k < field.length && field.charCodeAt(k) < 0x80) k++;
  if (k === field.length) return field; // ASCII: the bytes are the text
  const bytes = new Uint8Array(field.length);
  for (let i = 0; i < field.length; i++) bytes[i] = field.charCodeAt(i);
  return utf8Decoder.decode(bytes);
}

/** Text as its UTF-8 bytes held one per character (to compare with raw fields). */
function encodeUtf8Field(text: string): string {
  let out = "";
  for (const byte of utf8Encoder.encode(text)) out += String.fromCharCode(byte);
  return out;
}

function resolveColumns(
  header: string[],
  overrides: ParseContributionsParameters["columns"] = {},
  source: string,
): Record<Field, number> {
  const names = header.map((h) => h.trim().toLowerCase());
  const find = (field: Field, required: boolean): number => {
    const wanted = overrides[field];
    const candidates = wanted ? [wanted.toLowerCase()] : CONTRIBUTION_COLUMNS[field];
    for (const c of candidates) {
      const at = names.indexOf(c);
      if (at >= 0) return at;
    }
    if (required || wanted)
      throw new InvalidInputError(`no ${field} column (looked for ${candidates.map((c) => `"${c}"`).join(", ")})`, {
        location: `${source}:1`,
        details: `The header has: ${header.join(", ")}`,
        docsPath: "/docs/funding.md#input",
      });
    return -1;
  };
  return {
    contributor: find("contributor", true),
    project: find("project", true),
    amount: find("amount", true),
    weight: find("weight", false),
    recipient: find("recipient", false),
  };
}

/**
 * Reads contributions from parsed JSON: an array of `{ contributor, project, amount, weight?,
 * recipient? }`, or an object with such an array under `contributions`. Amounts and weights are
 * decimal strings; a JSON number where money belongs is refused, saying where.
 *
 * @example
 * parseContributionsJson([{ contributor: "alice", project: "llama-fr", amount: "12.5" }], { decimals: 6 })
 */
export function parseContributionsJson(
  value: unknown,
  parameters: ParseContributionsParameters,
): ParseContributionsReturnType {
  const { decimals, rounding, source = "contributions.json", where = {} } = parameters;
  const list = Array.isArray(value)
    ? value
    : value && typeof value === "object" && Array.isArray((value as { contributions?: unknown }).contributions)
      ? (value as { contributions: unknown[] }).contributions
      : undefined;
  const prefix = Array.isArray(value) ? "" : "/contributions";
  if (!list)
    throw new InvalidInputError("expected an array of contributions (or { contributions: [...] })", {
      location: source,
    });
  if (list.length > (parameters.maxRows ?? 10_000_000))
    throw new InvalidInputError(`more than ${parameters.maxRows ?? 10_000_000} contributions`, { location: source });
  const contributions: Contribution[] = [];
  let filteredOut = 0;
  let negativeSkipped = 0;
  list.forEach((item, k) => {
    const pointer = `${source}#${prefix}/${k}`;
    if (!item || typeof item !== "object" || Array.isArray(item))
      throw new InvalidInputError("a contribution must be an object", { location: pointer });
    const row = item as Record<string, unknown>;
    for (const [column, wanted] of Object.entries(where))
      if (String(row[column]) !== wanted) {
        filteredOut++;
        return;
      }
    const contributor = row.contributor;
    const project = row.project;
    if (typeof contributor !== "string" || contributor === "")
      throw new InvalidInputError("contributor must be a non-empty string", { location: `${pointer}/contributor` });
    if (typeof project !== "string" || project === "")
      throw new InvalidInputError("project must be a non-empty string", { location: `${pointer}/project` });
    if (parameters.skipNegative && typeof row.amount === "string" && row.amount.trimStart().startsWith("-")) {
      negativeSkipped++;
      return;
    }
    const contribution: Contribution = {
      contributor,
      project,
      amount: parseTokenAmount(row.amount, { decimals, rounding, location: `${pointer}/amount` }),
    };
    if (row.weight !== undefined) contribution.weight = parseDecimal(row.weight, { location: `${pointer}/weight` });
    if (row.recipient !== undefined) {
      if (typeof row.recipient !== "string")
        throw new InvalidInputError("recipient must be a string", { location: `${pointer}/recipient` });
      contribution.recipient = row.recipient;
    }
    if (parameters.onContribution) parameters.onContribution(contribution);
    else contributions.push(contribution);
  });
  return { contributions, filteredOut, negativeSkipped };
}
