import { getPureResultCache, pureCacheKey, type PureResultCache } from "../../pure-cache/index.js";
import { licenseRenderCacheKey, renderLicense } from "../../terms/index.js";
import { defineRule } from "../types.js";
import { isRelativeLink, linkPath } from "../shared/release.js";

const normalise = (text: string) => text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").replace(/[ \t]+$/gm, "").trimEnd();
/** The fingerprint remembered for a normalised text: SHA-256 over a tag and the text's UTF-8 bytes. */
const fingerprint = (cache: PureResultCache, normalised: string) => pureCacheKey(cache, "omrl/license-text-normalised/1", normalised);

/** The release's `LICENSE.md` is the legal text rendered from its terms, word for word. */
export const licenseTextMismatch = defineRule({
  meta: { id: "omrl/license-text-mismatch", description: "LICENSE.md equals the licence rendered from omrl.json", defaultSeverity: "error", type: "problem" },
  check(release) {
    const terms = release.terms?.terms;
    if (!terms) return [];
    const link = release.card?.frontMatter?.licenseLink;
    const path = link && isRelativeLink(link) && linkPath(link).toLowerCase().endsWith(".md") ? linkPath(link) : "LICENSE.md";
    const file = release.textFiles.find((f) => f.path === path) ?? (release.files.some((f) => f.path === path) ? { path, text: undefined, tooLarge: true } : undefined);
    if (!file) return [{ message: `${path} is missing: run \`omrl tag\` to render it from omrl.json`, file: path }];
    if (file.text === undefined) return file.tooLarge ? [{ message: `${path} is too large to be the OMRL licence text`, file: path }] : [];
    const actual = normalise(file.text);
    // With a result cache: the rendered text's fingerprint is remembered by the render's input, so
    // an unchanged release compares hashes; on any mismatch it is rendered as before, for the line.
    const cache = getPureResultCache();
    const key = cache && licenseRenderCacheKey(terms, cache);
    if (key !== undefined && cache!.get(key) === fingerprint(cache!, actual)) return [];
    const expected = normalise(renderLicense(terms));
    if (key !== undefined) cache!.set(key, fingerprint(cache!, expected));
    if (expected === actual) return [];
    const a = actual.split("\n");
    const e = expected.split("\n");
    let line = 0;
    while (line < a.length && line < e.length && a[line] === e[line]) line++;
    return [{ message: `${path} differs from the licence rendered from omrl.json (first difference at line ${line + 1}): run \`omrl tag\` to render it again from the terms (after changing omrl.json, sign again)`, file: path, line: line + 1 }];
  },
});
