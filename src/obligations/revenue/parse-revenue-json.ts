import { InvalidInputError } from "../../errors.js";
import { RevenueAggregator, RevenueFieldError } from "./aggregator.js";
import { findJsonSyntaxError, lineColumn, locateJsonPointer } from "./json-locate.js";
import type { RevenueReport } from "./types.js";

/** Largest JSON revenue report accepted, in characters (use CSV, which streams, beyond that). */
export const MAX_JSON_REPORT_LENGTH = 64 * 1024 * 1024;
/** Most lines a JSON revenue report may have. */
export const MAX_JSON_REPORT_LINES = 1_000_000;

const LINE_KEYS = new Set(["period", "currency", "gross", "refunds", "mau", "usage"]);

/**
 * Parses a JSON revenue report:
 * `{ "omrlRevenue": "1.0", "currency": "USD", "lines": [{ "period": "2026-07", "gross": "1000.00",
 * "refunds": "0", "mau": 1200, "usage": { "acme/tiny-1b": "5000" } }] }`.
 * Money and usage are decimal strings: a JSON number there is refused (a float cannot hold money).
 * `mau` is an integer. Errors name `file:line:column` and the JSON pointer.
 *
 * @example
 * parseRevenueJson(await readFile("report.json", "utf8"), { source: "report.json" })
 */
export function parseRevenueJson(text: string, options: { source?: string | undefined } = {}): RevenueReport {
  const source = options.source ?? "revenue.json";
  const fail = (pointer: string, message: string): never => {
    throw new InvalidInputError(`${message}${pointer ? ` (at ${pointer})` : ""}`, {
      location: `${source}:${locateJsonPointer(text, pointer)}`,
      docsPath: "/docs/obligations.md#json-reports",
    });
  };
  if (text.length > MAX_JSON_REPORT_LENGTH)
    throw new InvalidInputError(`is larger than ${MAX_JSON_REPORT_LENGTH} characters; use a CSV report, which streams`, { location: source });
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const offset = position ? Number(position[1]) : findJsonSyntaxError(text);
    throw new InvalidInputError(`is not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, "").replace(/, ".*$/s, "")}`, {
      location: `${source}:${lineColumn(text, offset)}`,
    });
  }
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  if (!isObject(doc)) return fail("", "a revenue report must be a JSON object");
  for (const key of Object.keys(doc))
    if (!["$schema", "omrlRevenue", "currency", "lines"].includes(key)) fail(`/${key}`, `unknown field "${key}"`);
  if (doc.omrlRevenue !== "1.0") fail("/omrlRevenue", 'must be "1.0"');
  if (typeof doc.currency !== "string" || !/^[A-Z]{3}$/.test(doc.currency)) fail("/currency", "must be an ISO 4217 currency code such as \"USD\"");
  if (!Array.isArray(doc.lines)) return fail("/lines", "must be an array of revenue lines");
  if (doc.lines.length > MAX_JSON_REPORT_LINES) fail("/lines", `has more than ${MAX_JSON_REPORT_LINES} lines`);

  const aggregator = new RevenueAggregator({ source });
  const money = (value: unknown, pointer: string): string => {
    if (value === undefined) return "";
    if (typeof value === "number")
      return fail(pointer, `the number ${value} is refused: write money as a decimal string ("${value}") so no float can round it`);
    if (typeof value !== "string") return fail(pointer, "must be a decimal string");
    if (value.length === 0) return fail(pointer, "must not be empty");
    return value;
  };
  doc.lines.forEach((line: unknown, index) => {
    const at = `/lines/${index}`;
    if (!isObject(line)) return fail(at, "a revenue line must be an object");
    for (const key of Object.keys(line)) if (!LINE_KEYS.has(key)) fail(`${at}/${key}`, `unknown field "${key}"`);
    if (typeof line.period !== "string") fail(`${at}/period`, "must be a period string (2026-07, 2026-Q3, 2026)");
    if (line.currency !== undefined && typeof line.currency !== "string") fail(`${at}/currency`, "must be a string");
    let mau = "";
    if (line.mau !== undefined) {
      if (typeof line.mau === "number" && Number.isSafeInteger(line.mau) && line.mau >= 0) mau = String(line.mau);
      else if (typeof line.mau === "string") mau = line.mau;
      else fail(`${at}/mau`, "must be a non-negative integer");
    }
    let usage: [string, string, string][] | undefined;
    if (line.usage !== undefined) {
      if (!isObject(line.usage)) return fail(`${at}/usage`, "must be an object of model id → usage decimal string");
      usage = Object.entries(line.usage).map(([model, value]) => {
        const pointer = `${at}/usage/${model.replace(/~/g, "~0").replace(/\//g, "~1")}`;
        return [model, money(value, pointer), pointer];
      });
    }
    try {
      aggregator.add(
        index,
        line.period as string,
        (line.currency as string | undefined) ?? (doc as { currency: string }).currency,
        money(line.gross, `${at}/gross`),
        money(line.refunds, `${at}/refunds`),
        mau,
        usage,
      );
    } catch (error) {
      if (!(error instanceof RevenueFieldError)) throw error;
      fail(error.field.startsWith("/") ? error.field : `${at}/${error.field}`, error.message);
    }
  });
  try {
    return aggregator.finish();
  } catch (error) {
    if (error instanceof RevenueFieldError) return fail("/lines", error.message);
    throw error;
  }
}
