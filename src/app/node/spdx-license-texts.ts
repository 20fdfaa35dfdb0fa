let texts: Promise<Readonly<Record<string, string>>> | undefined;

/**
 * The SPDX licence texts of the `spdx-license-list` package, by SPDX id, for `renderNotice`'s
 * `licenseTexts`. Node only (the package is a 5 MB JSON module); loaded once, on first use.
 *
 * @example
 * renderNotice(lock, { licenseTexts: await loadSpdxLicenseTexts() });
 */
export function loadSpdxLicenseTexts(): Promise<Readonly<Record<string, string>>> {
  texts ??= import("spdx-license-list/full.js").then((module) => {
    const full = ((module as { default?: unknown }).default ?? module) as Record<string, { licenseText?: unknown }>;
    const out: Record<string, string> = {};
    for (const [id, entry] of Object.entries(full)) if (typeof entry?.licenseText === "string") out[id] = entry.licenseText;
    return out;
  });
  return texts;
}
