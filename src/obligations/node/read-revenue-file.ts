import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { InvalidInputError } from "../../errors.js";
import { MAX_JSON_REPORT_LENGTH, RevenueCsvParser, parseRevenueJson, type RevenueReport } from "../index.js";

export type ReadRevenueFileParameters = {
  /** `csv` or `json`; default from the file extension (`.json` → json, else csv). */
  format?: "csv" | "json" | undefined;
  /** Name used in error locations and traces (default: the path). */
  source?: string | undefined;
};

/**
 * Reads a revenue report file: CSV is streamed through `RevenueCsvParser` in 1 MiB chunks (memory
 * bounded by the number of periods, not lines); JSON is read whole (bounded by
 * `MAX_JSON_REPORT_LENGTH`).
 *
 * @example
 * const report = await readRevenueFile("report.csv");
 */
export async function readRevenueFile(path: string, parameters: ReadRevenueFileParameters = {}): Promise<RevenueReport> {
  const source = parameters.source ?? path;
  const format = parameters.format ?? (path.toLowerCase().endsWith(".json") ? "json" : "csv");
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new InvalidInputError("is not a file", { location: source });
    if (format === "json" && info.size > MAX_JSON_REPORT_LENGTH * 4)
      throw new InvalidInputError(`is larger than ${MAX_JSON_REPORT_LENGTH * 4} bytes; use a CSV report, which streams`, { location: source });
  } catch (error) {
    if (error instanceof InvalidInputError) throw error;
    throw new InvalidInputError(`cannot read the revenue report: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { location: source });
  }
  if (format === "json") {
    const chunks: string[] = [];
    for await (const chunk of createReadStream(path, { encoding: "utf8" })) chunks.push(chunk as string);
    return parseRevenueJson(chunks.join(""), { source });
  }
  const parser = new RevenueCsvParser({ source });
  for await (const chunk of createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 20 })) parser.push(chunk as string);
  return parser.end();
}
