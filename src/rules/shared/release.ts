import type { ModelRelease, ReleaseArtifact } from "../../inspect/index.js";
import { licenseToSpdx, lookupLicense, parseLicenseExpression } from "../../licenses/index.js";
import { OMRL_HUB_LICENSE_NAME, OMRL_SPDX_ID } from "../../terms/index.js";
import { locateJsonPointer } from "../../text/index.js";

/** The licence fields embedded in an artifact (safetensors `__metadata__` or GGUF `general.license*`). */
export function embeddedLicense(artifact: ReleaseArtifact): { license?: string | undefined; licenseName?: string | undefined; licenseLink?: string | undefined; termsCoreHash?: string | undefined; key: string } | undefined {
  if (artifact.safetensors) return { ...artifact.safetensors.licenseFields, key: "__metadata__.license" };
  if (artifact.gguf) {
    const { license, licenseName, licenseLink, termsCoreHash } = artifact.gguf;
    return { license, licenseName, licenseLink, termsCoreHash, key: "general.license" };
  }
  return undefined;
}

/** Whether the release says it is under OMRL anywhere: terms, card, or embedded metadata. */
export function claimsOmrl(release: ModelRelease): boolean {
  if (release.terms) return true;
  const fm = release.card?.frontMatter;
  if (fm?.licenseName?.toLowerCase() === OMRL_HUB_LICENSE_NAME) return true;
  const cardLicenses = typeof fm?.license === "string" ? [fm.license] : (fm?.license ?? []);
  if (cardLicenses.some((l) => l.toLowerCase() === OMRL_HUB_LICENSE_NAME || l === OMRL_SPDX_ID)) return true;
  return release.artifacts.some((a) => {
    const e = embeddedLicense(a);
    return !!e && (e.termsCoreHash !== undefined || e.license?.includes(OMRL_SPDX_ID) === true || e.licenseName?.toLowerCase() === OMRL_HUB_LICENSE_NAME);
  });
}

/**
 * The SPDX form of what a model card declares: `license: other` + `license_name: x` → x's SPDX id;
 * a Hub id → its SPDX id. `undefined` when the card declares nothing or something unknown.
 */
export function cardLicenseSpdx(release: ModelRelease): { declared: string; spdx?: string | undefined } | undefined {
  const fm = release.card?.frontMatter;
  if (!fm?.license) return undefined;
  const first = Array.isArray(fm.license) ? fm.license.join(" AND ") : fm.license;
  const declared = first.toLowerCase() === "other" && fm.licenseName ? fm.licenseName : first;
  return { declared, spdx: toSpdx(declared) };
}

/** A Hub id, `license_name` or SPDX expression in SPDX form, or undefined when unknown. */
export function toSpdx(value: string): string | undefined {
  try {
    return licenseToSpdx(value);
  } catch {
    // not a single id: an SPDX expression (possibly of Hub ids) is fine too
  }
  try {
    parseLicenseExpression(value, { hubIds: false });
    return value;
  } catch {
    return undefined;
  }
}

/** Whether `value` is already a valid SPDX expression (ids or `LicenseRef-…`), not a Hub id. */
export function isSpdxExpression(value: string): boolean {
  try {
    parseLicenseExpression(value, { hubIds: false });
    return true;
  } catch {
    return false;
  }
}

/** The knowledge-base entry for a Hub id, `license_name` or SPDX id. */
export { lookupLicense };

/** Line and column of a JSON pointer in the release's omrl.json, for a diagnostic. */
export function termsLocation(release: ModelRelease, pointer: string): { file: string; pointer: string; line?: number; column?: number } {
  const terms = release.terms;
  if (!terms) return { file: "omrl.json", pointer };
  const at = locateJsonPointer(terms.text, pointer);
  return { file: terms.path, pointer, ...(at ?? {}) };
}

/** Whether a card `license_link` is a path inside the release (not a URL). */
export function isRelativeLink(link: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(link) && !link.startsWith("//");
}

/** A relative link normalised to a release path (`./LICENSE.md` → `LICENSE.md`, `/x` → `x`). */
export function linkPath(link: string): string {
  return link.replace(/^\.?\//, "").replace(/^\/+/, "").split(/[?#]/)[0]!;
}
