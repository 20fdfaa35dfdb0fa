import type { LicenseEntry } from "./types.js";

/**
 * Whether a licence requires a copy of its text (the agreement) to go with every copy or
 * derivative that is passed on — Apache-2.0, the OpenRAIL family, the Llama, Gemma and Stability
 * agreements… — read from the knowledge base's attribution requirement.
 *
 * @example
 * licenseTextMustShip(lookupLicense("llama3.2")!) // true
 */
export function licenseTextMustShip(entry: LicenseEntry): boolean {
  if (entry.family === true || entry.revenueShare === true) return false;
  return /\b(?:give recipients a copy of|with a copy of)\b/i.test(entry.attribution.requirement ?? "");
}

/**
 * Whether two SPDX ids name the same licence text: case-insensitive, ignoring the `-only`,
 * `-or-later` and `+` version markers (GPL-3.0-only and GPL-3.0-or-later share one text).
 *
 * @example
 * sameLicenseId("GPL-3.0-only", "gpl-3.0+") // true
 */
export function sameLicenseId(a: string, b: string): boolean {
  const base = (id: string) => id.toLowerCase().replace(/\+$/, "").replace(/-(?:only|or-later)$/, "");
  return base(a) === base(b);
}
