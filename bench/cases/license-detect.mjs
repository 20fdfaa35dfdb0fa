// Licence-text detection (issue 15): detectLicenseText on each of the 55 SPDX texts of the corpus
// (Dice against all 55 references) vs only normalising the same texts into word sets (the floor:
// reading them once). Also reports the lazy corpus load.
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import { detectLicenseText, loadLicenseCorpus, normalizeLicenseWords } from "../../dist/index.js";

const full = createRequire(import.meta.url)("spdx-license-list/full");

export default {
  name: "license-detect",
  description: "detectLicenseText over the 55 SPDX texts of the corpus (each against all 55)",
  iterations: 7,
  async setup() {
    const t0 = performance.now();
    const corpus = await loadLicenseCorpus();
    const loadMs = performance.now() - t0;
    const texts = corpus.entries.map((e) => full[e.spdx].licenseText);
    return { corpus, texts, loadMs, chars: texts.reduce((n, t) => n + t.length, 0) };
  },
  run({ corpus, texts, loadMs, chars }) {
    let right = 0;
    texts.forEach((text, i) => {
      if (detectLicenseText(text, { corpus }).match?.spdx === corpus.entries[i].spdx) right++;
    });
    return { texts: texts.length, chars, correct: right, corpusLoadMs: +loadMs.toFixed(1) };
  },
  anchor: {
    name: "normalise the same texts only",
    run({ texts }) {
      for (const text of texts) normalizeLicenseWords(text);
      return {};
    },
  },
};
