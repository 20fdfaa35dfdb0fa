/** Licence-text detection: SPDX similarity (Sørensen–Dice on normalised word sets), agreement titles, copyright lines. */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { detectLicenseText, diceCoefficient, extractCopyrightLines, LICENSE_MATCH_THRESHOLD, loadLicenseCorpus, normalizeLicenseWords } from "../../src/index.js";
// @ts-expect-error the generator is plain JavaScript
import { renderCorpus } from "../../scripts/generate-license-corpus.mjs";

const spdx = createRequire(import.meta.url)("spdx-license-list/full") as Record<string, { licenseText: string }>;
const text = (id: string) => spdx[id]!.licenseText;

describe("the licence corpus", () => {
  it("is in sync with spdx-license-list and the knowledge base (node scripts/generate-license-corpus.mjs)", async () => {
    const current = await readFile(new URL("../../src/licenses/detect/corpus.generated.ts", import.meta.url), "utf8");
    expect(current).toBe(await renderCorpus());
  });
});

describe("detectLicenseText", () => {
  it("recognises each corpus licence from its own SPDX text, with a filled-in copyright line", async () => {
    const corpus = await loadLicenseCorpus();
    expect(corpus.entries.length).toBeGreaterThan(40);
    for (const { spdx: id } of corpus.entries) {
      const filled = text(id).replace(/<year>|\[yyyy\]/gi, "2026").replace(/<copyright holders?>|\[name of copyright owner\]/gi, "Acme Labs");
      const found = detectLicenseText(filled, { corpus });
      expect(found.match?.spdx, id).toBe(id);
      expect(found.match?.confidence, id).toBeGreaterThanOrEqual(99);
    }
  });

  it("tells close relatives apart: BSD-2 from BSD-3, CC-BY from CC-BY-SA, LGPL-3.0 from GPL-3.0", async () => {
    const corpus = await loadLicenseCorpus();
    for (const id of ["BSD-2-Clause", "BSD-3-Clause", "CC-BY-4.0", "CC-BY-SA-4.0", "LGPL-3.0-only", "GPL-3.0-only"]) expect(detectLicenseText(text(id), { corpus }).match?.spdx).toBe(id);
  });

  it("survives reflowed text, a different title line and Markdown, and reports the confidence", async () => {
    const corpus = await loadLicenseCorpus();
    const reflowed = `# The MIT licence\n\nCopyright © 2025 Acme Labs\n\n${text("MIT").split("\n").slice(3).join(" ").replace(/\s+/g, " ")}`;
    const found = detectLicenseText(reflowed, { corpus });
    expect(found.match).toMatchObject({ spdx: "MIT", method: "dice" });
    expect(found.copyright).toEqual(["Copyright © 2025 Acme Labs"]);
  });

  it("does not call a README or a licence excerpt a licence (below the threshold)", async () => {
    const corpus = await loadLicenseCorpus();
    const readme = "# Acme Tiny\n\nA small model fine-tuned on Apache-licensed data. Licensed under the Apache License 2.0; see LICENSE.\n";
    expect(detectLicenseText(readme, { corpus }).match).toBeUndefined();
    const excerpt = text("Apache-2.0").slice(0, 1500);
    const found = detectLicenseText(excerpt, { corpus });
    expect(found.match).toBeUndefined();
    expect(found.candidates[0]!.spdx).toBe("Apache-2.0");
    expect(found.candidates[0]!.confidence).toBeLessThan(LICENSE_MATCH_THRESHOLD);
  });

  it("recognises agreements without an SPDX text by the title they open with, not by a mention further down", async () => {
    const corpus = await loadLicenseCorpus();
    expect(detectLicenseText("LLAMA 3.2 COMMUNITY LICENSE AGREEMENT\nLlama 3.2 Version Release Date: September 25, 2024\n…", { corpus }).match).toEqual({ spdx: "LicenseRef-Llama-3.2-Community", method: "title" });
    expect(detectLicenseText("**Gemma Terms of Use**\n\nLast modified: …", { corpus }).match?.spdx).toBe("LicenseRef-Gemma");
    const mention = `# Model\n\nSome text.\n\nMore.\n\nEven more.\n\nStill more.\n\nThis model is under the Llama 3.2 Community License Agreement.\n`;
    expect(detectLicenseText(mention, { corpus }).match).toBeUndefined();
  });

  it("bounds its work on hostile input", async () => {
    const corpus = await loadLicenseCorpus();
    const words = Array.from({ length: 60_000 }, (_, i) => `w${i}`).join(" ");
    expect(normalizeLicenseWords(words).size).toBe(20_000);
    expect(detectLicenseText(`${"Copyright 2020 x\n".repeat(10_000)}`, { corpus }).copyright).toHaveLength(1);
  });
});

describe("helpers", () => {
  it("diceCoefficient", () => {
    expect(diceCoefficient(new Set(["a", "b"]), new Set(["b", "c"]))).toBe(0.5);
    expect(diceCoefficient(new Set(), new Set())).toBe(0);
  });
  it("extractCopyrightLines keeps real lines and drops template fields and boilerplate", () => {
    expect(extractCopyrightLines("Copyright [yyyy] [name of copyright owner]\nCopyright 2024 Acme Inc.\n(c) 2023 Jane Doe\nCopyright law applies.\n© Meta Platforms, Inc.")).toEqual([
      "Copyright 2024 Acme Inc.",
      "(c) 2023 Jane Doe",
      "© Meta Platforms, Inc.",
    ]);
  });
});

describe("detectLicenseText on a text it has seen", () => {
  it("answers a repeated text exactly as the first time, with a copy the caller may change, per threshold and corpus", async () => {
    const corpus = await loadLicenseCorpus();
    const mit = text("MIT").replace("<year>", "2026").replace("<copyright holders>", "Acme Labs");
    const first = detectLicenseText(mit, { corpus });
    expect(first.match).toMatchObject({ spdx: "MIT", method: "dice" });
    first.match!.spdx = "changed";
    first.candidates.length = 0;
    first.copyright.push("changed");
    const again = detectLicenseText(mit, { corpus });
    expect(again.match).toMatchObject({ spdx: "MIT", method: "dice" });
    expect(again.candidates).toHaveLength(3);
    expect(again.copyright).toEqual(["Copyright (c) 2026 Acme Labs"]);
    // another threshold is another question: 100% is out of reach for a text with a filled-in name
    expect(detectLicenseText(mit, { corpus, threshold: 100.1 }).match).toBeUndefined();
    expect(detectLicenseText(mit, { corpus }).match?.spdx).toBe("MIT");
    // another corpus (here: without MIT) is another question too
    const withoutMit = { ...corpus, entries: corpus.entries.filter((e) => e.spdx !== "MIT") };
    expect(detectLicenseText(mit, { corpus: withoutMit }).match?.spdx).not.toBe("MIT");
  });
});

describe("detectLicenseText's scores", () => {
  it("are diceCoefficient's against every reference, for every corpus text and an OMRL licence", async () => {
    const corpus = await loadLicenseCorpus();
    const omrl = await readFile(new URL("../../examples/app-ci/models/acme-tiny-1b/LICENSE.md", import.meta.url), "utf8");
    for (const sample of [...corpus.entries.map((e) => text(e.spdx)), omrl, "", "MIT"]) {
      const words = normalizeLicenseWords(sample);
      const expected = corpus.entries
        .map((e) => ({ spdx: e.spdx, confidence: Math.round(diceCoefficient(words, e.words) * 1000) / 10 }))
        .sort((a, b) => b.confidence - a.confidence || (a.spdx < b.spdx ? -1 : 1))
        .slice(0, 3);
      expect(detectLicenseText(sample, { corpus }).candidates).toEqual(expected);
    }
  });
});
