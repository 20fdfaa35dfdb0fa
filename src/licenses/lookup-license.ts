import { knowledgeBase } from "./knowledge-base.js";
import type { LicenseEntry } from "./types.js";

let index: Map<string, LicenseEntry> | undefined;

/** Every name an entry answers to, lower-cased: Hub id, SPDX id, Hub `license_name`, aliases. */
function keysOf(entry: LicenseEntry): string[] {
  const keys = [entry.hubId, entry.spdx, ...(entry.aliases ?? [])];
  if (entry.hubCard.licenseName) keys.push(entry.hubCard.licenseName);
  return keys.map((key) => key.toLowerCase());
}

function getIndex(): Map<string, LicenseEntry> {
  if (index) return index;
  index = new Map();
  for (const entry of knowledgeBase) for (const key of keysOf(entry)) if (!index.has(key)) index.set(key, entry);
  return index;
}

export type LookupLicenseReturnType = LicenseEntry | undefined;

/**
 * Finds a licence in the knowledge base by Hub id (`llama3.1`), Hub `license_name` (`omrl-1.0`),
 * SPDX id (`Apache-2.0`, `LicenseRef-Gemma`) or alias (`GPL-3.0-or-later`), ignoring case.
 *
 * @example
 * lookupLicense("LLAMA3.1")?.naming?.prefix // "Llama"
 * lookupLicense("Apache-2.0")?.hubId        // "apache-2.0"
 * lookupLicense("no-such-licence")          // undefined
 */
export function lookupLicense(idOrSpdx: string): LookupLicenseReturnType {
  return getIndex().get(idOrSpdx.trim().toLowerCase());
}

export type ListLicensesParameters = {
  /** Only the ids on the Hub's own list (leaves out `omrl-1.0`, `stabilityai-ai-community`). */
  hubListOnly?: boolean;
};

/**
 * Every entry of the knowledge base, in the Hub list's order followed by the project's additions.
 *
 * @example
 * listLicenses().filter((l) => l.commercialUse === "forbidden").map((l) => l.hubId)
 * // ["cc-by-nc-2.0", "cc-by-nc-3.0", …]
 */
export function listLicenses(parameters: ListLicensesParameters = {}): readonly LicenseEntry[] {
  return parameters.hubListOnly ? knowledgeBase.filter((entry) => entry.onHubList) : knowledgeBase;
}
