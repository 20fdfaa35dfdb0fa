import { InvalidInputError } from "../../errors.js";
import type { BomSubject } from "../../bom/index.js";
import { VERSION } from "../version.js";

type BomModule = typeof import("../../bom/index.js");

/** The BOM formats `omrl check` and `omrl verify` write. */
export const BOM_FORMATS = ["cyclonedx", "spdx3"] as const;
export type BomFormat = (typeof BOM_FORMATS)[number];

export const isBomFormat = (format: string): format is BomFormat => (BOM_FORMATS as readonly string[]).includes(format);

/**
 * `--timestamp [when]`: absent → no timestamp (reproducible output); given without a value → now,
 * or `SOURCE_DATE_EPOCH` when set (reproducible builds); given an ISO 8601 date-time → that.
 */
export function bomTimestamp(option: string | boolean | undefined, env: Record<string, string | undefined>): string | undefined {
  if (option === undefined || option === false) return undefined;
  if (option === true) {
    const epoch = env.SOURCE_DATE_EPOCH;
    if (epoch !== undefined && epoch !== "") {
      if (!/^\d{1,12}$/.test(epoch)) throw new InvalidInputError(`SOURCE_DATE_EPOCH must be whole seconds since 1970, got "${epoch}"`);
      return new Date(Number(epoch) * 1000).toISOString();
    }
    return new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  }
  const time = new Date(option);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(option) || Number.isNaN(time.getTime()))
    throw new InvalidInputError(`--timestamp must be an ISO 8601 date-time such as 2026-01-31T12:00:00Z, got "${option}"`);
  return time.toISOString().replace(/\.000Z$/, "Z");
}

/** Renders a BOM; the BOM module (and the CycloneDX library) is loaded only when a BOM is asked for. */
export async function renderBom(format: BomFormat, subject: (bom: BomModule) => BomSubject, options: { timestamp?: string | undefined; hubUrl?: string | undefined }): Promise<string> {
  const bom: BomModule = await import("../../bom/index.js");
  const parameters = { ...options, toolVersion: VERSION };
  switch (format) {
    case "cyclonedx":
      return bom.toCycloneDx(subject(bom), parameters);
    case "spdx3":
      return bom.toSpdx3(subject(bom), parameters);
  }
}

/**
 * `--output <format>=<file>`: also write the report in that format to a file (written atomically).
 *
 * @example
 * parseOutputOption("sarif=omrl.sarif", ["text", "sarif"]) // { format: "sarif", file: "omrl.sarif" }
 */
export function parseOutputOption<F extends string>(value: string, formats: readonly F[]): { format: F; file: string } {
  const at = value.indexOf("=");
  const format = value.slice(0, at) as F;
  const file = value.slice(at + 1);
  if (at <= 0 || file === "") throw new InvalidInputError(`--output takes <format>=<file>, e.g. sarif=omrl.sarif; got "${value}"`);
  if (!formats.includes(format)) throw new InvalidInputError(`--output: unknown format "${format}" (one of ${formats.join(", ")})`);
  return { format, file };
}
