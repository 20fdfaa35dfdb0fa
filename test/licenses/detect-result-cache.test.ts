import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterEach, describe, expect, it, vi } from "vitest";
import { detectLicenseText, LICENSE_CORPUS_TAG, loadLicenseCorpus, rememberedLicenseDetection } from "../../src/licenses/index.js";
import { setPureResultCache } from "../../src/pure-cache/index.js";
import { mapResultCache as mapCache } from "../pure-cache/map-result-cache.js";

const spdx = createRequire(import.meta.url)("spdx-license-list/full") as Record<string, { licenseText: string }>;

describe("licence-text detection in the result cache", () => {
  afterEach(() => setPureResultCache(undefined));

  it("LICENSE_CORPUS_TAG is the corpus file's SHA-256 prefix (update it when the corpus is regenerated)", () => {
    const bytes = readFileSync(new URL("../../src/licenses/detect/corpus.generated.ts", import.meta.url));
    expect(LICENSE_CORPUS_TAG).toBe(createHash("sha256").update(bytes).digest("hex").slice(0, 16));
  });

  it("a remembered detection is exactly the computed one, found without loading the corpus, in a fresh process", async () => {
    const texts = [spdx["MIT"]!.licenseText, spdx["Apache-2.0"]!.licenseText, "LLAMA 3.2 COMMUNITY LICENSE AGREEMENT\nCopyright (c) Meta\n", "just some words\n", "Copyright 2024 Jane\n" + spdx["BSD-3-Clause"]!.licenseText];
    const corpus = await loadLicenseCorpus();
    const computed = texts.map((t) => detectLicenseText(t, { corpus })); // no cache: the reference
    expect(rememberedLicenseDetection(texts[0]!)).toBeUndefined();
    vi.resetModules(); // a new process: no in-memory memo
    const fresh = await import("../../src/licenses/index.js");
    const freshCache = await import("../../src/pure-cache/index.js");
    const cache = mapCache();
    freshCache.setPureResultCache(cache);
    const freshCorpus = await fresh.loadLicenseCorpus();
    texts.forEach((t, i) => expect(fresh.detectLicenseText(t, { corpus: freshCorpus })).toStrictEqual(computed[i]));
    expect(cache.entries.size).toBe(texts.length);
    vi.resetModules();
    const again = await import("../../src/licenses/index.js");
    const againCache = await import("../../src/pure-cache/index.js");
    againCache.setPureResultCache(cache);
    texts.forEach((t, i) => expect(again.rememberedLicenseDetection(t)).toStrictEqual(computed[i]));
    // another threshold or a custom corpus is not answered from these entries
    expect(again.rememberedLicenseDetection(`${texts[0]} `)).toBeUndefined();
    const custom = { source: "custom", entries: [{ spdx: "MIT", words: new Set(["permission"]) }] };
    again.detectLicenseText(texts[0]!, { corpus: custom, threshold: 10 });
    expect(cache.entries.size).toBe(texts.length);
    freshCache.setPureResultCache(undefined);
    againCache.setPureResultCache(undefined);
  });
});
