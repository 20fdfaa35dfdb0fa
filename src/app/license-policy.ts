import { evaluateLicenseExpression, lookupLicense, parseLicenseExpression, type LicenseExpression, type LicensePermission, type Obligations } from "../licenses/index.js";
import type { ModelUse } from "../obligations/index.js";

/** Uses that put the model in the product: they are commercial. `evaluation` and `internal` are not. */
export const COMMERCIAL_USES: ReadonlySet<ModelUse> = new Set(["hosted-inference", "embedded", "fine-tuned"]);

export const isCommercialUse = (use: ModelUse) => COMMERCIAL_USES.has(use);

/** Expressions already evaluated: an app's check asks for the same few licences once per model and ancestor. Bounded. */
const evaluated = new Map<string, Obligations[] | undefined>();
const MAX_REMEMBERED = 512;

/**
 * The obligation sets of a licence expression (one per OR alternative), or undefined when it does
 * not parse. Remembered per expression: callers share the result and must not change it.
 */
export function licenseAlternatives(expression: string): Obligations[] | undefined {
  if (evaluated.has(expression)) return evaluated.get(expression);
  let alternatives: Obligations[] | undefined;
  try {
    alternatives = evaluateLicenseExpression(expression).alternatives;
  } catch {
    alternatives = undefined;
  }
  if (evaluated.size >= MAX_REMEMBERED) evaluated.clear();
  evaluated.set(expression, alternatives);
  return alternatives;
}

const PERMISSION_ORDER: Record<LicensePermission, number> = { allowed: 0, restricted: 1, unknown: 2, forbidden: 3 };

/** The alternative of an expression most favourable to commercial use (the licensee picks it). */
export function bestForCommercialUse(expression: string): Obligations | undefined {
  const alternatives = licenseAlternatives(expression);
  if (!alternatives || alternatives.length === 0) return undefined;
  return alternatives.reduce((best, alt) => (PERMISSION_ORDER[alt.commercialUse] < PERMISSION_ORDER[best.commercialUse] ? alt : best));
}

const CATEGORY = /^category:([a-z-]+)$/;

function idsOf(node: LicenseExpression, out: string[] = []): string[] {
  if ("license" in node) out.push(node.license.toLowerCase());
  else {
    idsOf(node.left, out);
    idsOf(node.right, out);
  }
  return out;
}

/**
 * Whether one licence (an SPDX id or LicenseRef) matches a policy rule: an SPDX id or expression
 * (every id in it counts), a Hub licence id, or a category — `category:permissive`,
 * `category:non-commercial`, `category:share-alike`, `category:use-restrictions`,
 * `category:revenue-share`, `category:unknown`, or any knowledge-base category (`openrail`,
 * `model-community`, `copyleft`…).
 *
 * @example
 * matchesLicenseRule("LicenseRef-Llama-3.2-Community", "llama3.2")                 // true
 * matchesLicenseRule("CC-BY-NC-4.0", "category:non-commercial")                    // true
 * matchesLicenseRule("Apache-2.0", "MIT OR Apache-2.0")                            // true
 */
export function matchesLicenseRule(license: string, rule: string): boolean {
  const entry = lookupLicense(license);
  const category = CATEGORY.exec(rule.trim());
  if (category) {
    const name = category[1]!;
    switch (name) {
      case "permissive":
        return entry !== undefined && (entry.category.includes("permissive") || entry.category.includes("public-domain"));
      case "non-commercial":
        return entry !== undefined && (entry.commercialUse === "forbidden" || entry.category.includes("non-commercial"));
      case "share-alike":
        return entry?.shareAlike === true;
      case "use-restrictions":
        return entry?.useRestrictions.flowDown === true;
      case "revenue-share":
        return entry?.revenueShare === true;
      case "unknown":
        return entry === undefined || entry.commercialUse === "unknown";
      default:
        return entry !== undefined && (entry.category as string[]).includes(name);
    }
  }
  let ids: string[];
  try {
    ids = idsOf(parseLicenseExpression(rule, { hubIds: true }));
  } catch {
    return false; // a rule that is no licence matches nothing (the manifest schema bounds its length)
  }
  const spdx = (entry?.spdx ?? license).toLowerCase();
  return ids.includes(spdx) || ids.includes(license.toLowerCase());
}

/** Licences of an expression that keep it from meeting `allow`, or [] when some alternative is fully allowed. */
export function licensesNotAllowed(expression: string, allow: readonly string[]): string[] {
  const alternatives = licenseAlternatives(expression);
  if (!alternatives) return [expression];
  let fewest: string[] | undefined;
  for (const alt of alternatives) {
    const missing = alt.licenses.map((l) => l.license).filter((id) => !allow.some((rule) => matchesLicenseRule(id, rule)));
    if (missing.length === 0) return [];
    if (!fewest || missing.length < fewest.length) fewest = missing;
  }
  return fewest ?? [expression];
}

/** `[licence, rule]` pairs that deny an expression: empty when some alternative avoids every denied licence. */
export function licensesDenied(expression: string, deny: readonly string[]): { license: string; rule: string }[] {
  const alternatives = licenseAlternatives(expression);
  if (!alternatives) return [];
  let fewest: { license: string; rule: string }[] | undefined;
  for (const alt of alternatives) {
    const hits: { license: string; rule: string }[] = [];
    for (const l of alt.licenses) {
      const rule = deny.find((r) => matchesLicenseRule(l.license, r));
      if (rule !== undefined) hits.push({ license: l.license, rule });
    }
    if (hits.length === 0) return [];
    if (!fewest || hits.length < fewest.length) fewest = hits;
  }
  return fewest ?? [];
}
