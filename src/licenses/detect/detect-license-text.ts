import { AGREEMENT_TITLES, TITLE_LINES } from "./agreement-titles.js";
import { extractCopyrightLines } from "./extract-copyright-lines.js";
import { normalizeLicenseWords } from "./normalize-license-text.js";
import { LICENSE_CORPUS_TAG } from "./corpus-tag.js";
import { getPureResultCache, pureCacheKey } from "../../pure-cache/index.js";

/** Reference word sets, one per SPDX licence text (see {@link loadLicenseCorpus}). */
export type LicenseCorpus = {
  /** Where the texts come from (package and version). */
  source: string;
  entries: readonly { spdx: string; words: ReadonlySet<string> }[];
};

/** Similarity (percent) at or above which a text is taken to be a licence. Licensee uses 98 with a finer normaliser. */
export const LICENSE_MATCH_THRESHOLD = 90;

export type DetectLicenseTextParameters = {
  corpus: LicenseCorpus;
  /** Percent; default {@link LICENSE_MATCH_THRESHOLD}. */
  threshold?: number | undefined;
};

export type LicenseTextMatch = {
  /** SPDX id, or a `LicenseRef-…` for agreements recognised by their title. */
  spdx: string;
  /** `dice`: Sørensen–Dice similarity of normalised word sets; `title`: an agreement recognised by its opening title. */
  method: "dice" | "title";
  /** Percent similarity (one decimal) for `dice`. A `title` match has none. */
  confidence?: number | undefined;
};

export type DetectLicenseTextReturnType = {
  /** The licence the text is, when a title is recognised or the best similarity reaches the threshold. */
  match?: LicenseTextMatch | undefined;
  /** The three most similar SPDX texts, best first, with their similarity in percent. */
  candidates: { spdx: string; confidence: number }[];
  /** Copyright lines found in the text. */
  copyright: string[];
};

/**
 * Which licence a LICENSE / COPYING file holds: agreements without an SPDX text (Llama, Gemma,
 * OpenRAIL, OMRL…) by their opening title; others by Sørensen–Dice similarity of normalised word
 * sets to every SPDX text in the corpus (as licensee does), with the similarity as the confidence.
 * Bounded (see `normalizeLicenseWords`); pure.
 *
 * @example
 * const corpus = await loadLicenseCorpus();
 * detectLicenseText(await readFile("LICENSE", "utf8"), { corpus }).match; // { spdx: "Apache-2.0", method: "dice", confidence: 99.6 }
 */
export function detectLicenseText(text: string, parameters: DetectLicenseTextParameters): DetectLicenseTextReturnType {
  const threshold = parameters.threshold ?? LICENSE_MATCH_THRESHOLD;
  // The same text (a shared LICENSE, the upstream agreement every fine-tune ships) is scored once.
  const remembered = text.length <= MAX_REMEMBERED_TEXT_CHARS ? rememberedFor(parameters.corpus) : undefined;
  const key = `${threshold}\0${text}`;
  const known = remembered?.get(key);
  if (known) return copyResult(known);
  const persistent = builtin.has(parameters.corpus) ? persistentKey(text, threshold) : undefined;
  let result = persistent && rememberedDetection(persistent.key);
  if (!result) {
    result = scoreLicenseText(text, parameters.corpus, threshold);
    if (persistent) persistent.cache.set(persistent.key, JSON.stringify(result));
  }
  if (remembered) {
    if (remembered.size >= MAX_REMEMBERED_TEXTS) remembered.delete(remembered.keys().next().value!);
    remembered.set(key, result);
  }
  return copyResult(result);
}

/** Texts remembered per corpus, and the longest text remembered (licence texts are 1–100 KB). */
const MAX_REMEMBERED_TEXTS = 32;
const MAX_REMEMBERED_TEXT_CHARS = 128 * 1024;
const rememberedTexts = new WeakMap<LicenseCorpus, Map<string, DetectLicenseTextReturnType>>();

function rememberedFor(corpus: LicenseCorpus): Map<string, DetectLicenseTextReturnType> {
  let map = rememberedTexts.get(corpus);
  if (!map) rememberedTexts.set(corpus, (map = new Map()));
  return map;
}

/** A copy each caller may keep and change. */
function copyResult(result: DetectLicenseTextReturnType): DetectLicenseTextReturnType {
  return {
    ...(result.match ? { match: { ...result.match } } : { match: undefined }),
    candidates: result.candidates.map((c) => ({ ...c })),
    copyright: [...result.copyright],
  };
}

/** `diceCoefficient` from the intersection's size: 2·|A∩B| / (|A|+|B|), two empty sets 0. */
function dice(common: number, sizeA: number, sizeB: number): number {
  if (sizeA === 0 && sizeB === 0) return 0;
  return (2 * common) / (sizeA + sizeB);
}

/** Which references hold each word, built once per corpus (a text then costs one lookup per distinct word, not one per word and reference). */
const indexes = new WeakMap<LicenseCorpus, { postings: Map<string, number[]> }>();

function indexOf(corpus: LicenseCorpus): { postings: Map<string, number[]> } {
  let index = indexes.get(corpus);
  if (!index) {
    const postings = new Map<string, number[]>();
    corpus.entries.forEach((entry, k) => {
      for (const word of entry.words) {
        const list = postings.get(word);
        if (list) list.push(k);
        else postings.set(word, [k]);
      }
    });
    indexes.set(corpus, (index = { postings }));
  }
  return index;
}

function scoreLicenseText(text: string, corpus: LicenseCorpus, threshold: number): DetectLicenseTextReturnType {
  const copyright = extractCopyrightLines(text);
  const head = text
    .slice(0, 4096)
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "")
    .slice(0, TITLE_LINES)
    .join(" ")
    .toLowerCase()
    .replace(/[#*_]/g, " ")
    .replace(/\s+/g, " ");
  const words = normalizeLicenseWords(text);
  // |A∩B| with every reference at once, through the corpus's word → references index
  const { postings } = indexOf(corpus);
  const common = new Int32Array(corpus.entries.length);
  for (const word of words) for (const entry of postings.get(word) ?? []) common[entry]!++;
  const scored = corpus.entries
    .map((entry, k) => ({ spdx: entry.spdx, confidence: Math.round(dice(common[k]!, words.size, entry.words.size) * 1000) / 10 }))
    .sort((a, b) => b.confidence - a.confidence || (a.spdx < b.spdx ? -1 : 1));
  const candidates = scored.slice(0, 3);
  const title = AGREEMENT_TITLES.find((t) => t.title.test(head));
  if (title) return { match: { spdx: title.spdx, method: "title" }, candidates, copyright };
  const best = candidates[0];
  return { match: best && best.confidence >= threshold ? { spdx: best.spdx, method: "dice", confidence: best.confidence } : undefined, candidates, copyright };
}

let corpus: Promise<LicenseCorpus> | undefined;
/** The built-in corpus (results with it are remembered in the result cache, keyed by its tag). */
const builtin = new WeakSet<LicenseCorpus>();

/**
 * Tag of detection entries in the result cache: bump the version when normalisation, copyright
 * extraction, the agreement titles or the scoring change (the corpus has its own tag).
 */
const DETECT_TAG = `omrl/detect-license-text/1/${LICENSE_CORPUS_TAG}`;

function persistentKey(text: string, threshold: number) {
  const cache = getPureResultCache();
  return cache && { cache, key: pureCacheKey(cache, DETECT_TAG, String(threshold), text) };
}

/** A remembered detection, if it is well-formed (anything else is a miss and is computed again). */
function rememberedDetection(key: string): DetectLicenseTextReturnType | undefined {
  const raw = getPureResultCache()?.get(key);
  if (raw === undefined) return undefined;
  try {
    const value = JSON.parse(raw) as DetectLicenseTextReturnType;
    const match = value.match;
    const okMatch = match === undefined || (typeof match === "object" && match !== null && typeof match.spdx === "string" && (match.method === "title" || (match.method === "dice" && typeof match.confidence === "number")));
    const okCandidates = Array.isArray(value.candidates) && value.candidates.every((c) => typeof c?.spdx === "string" && typeof c.confidence === "number");
    const okCopyright = Array.isArray(value.copyright) && value.copyright.every((c) => typeof c === "string");
    if (!okMatch || !okCandidates || !okCopyright) return undefined;
    return { match: match === undefined ? undefined : match.method === "title" ? { spdx: match.spdx, method: "title" } : { spdx: match.spdx, method: "dice", confidence: match.confidence }, candidates: value.candidates.map((c) => ({ spdx: c.spdx, confidence: c.confidence })), copyright: value.copyright };
  } catch {
    return undefined;
  }
}

/**
 * The detection of `text` against the built-in corpus with the default threshold as remembered in
 * the installed result cache, without loading the corpus; undefined when there is no cache or no
 * entry (then load the corpus and call {@link detectLicenseText}).
 *
 * @example
 * const found = rememberedLicenseDetection(text) ?? detectLicenseText(text, { corpus: await loadLicenseCorpus() });
 */
export function rememberedLicenseDetection(text: string): DetectLicenseTextReturnType | undefined {
  const persistent = persistentKey(text, LICENSE_MATCH_THRESHOLD);
  return persistent && rememberedDetection(persistent.key);
}

/**
 * The reference corpus: the normalised word sets of the SPDX licence texts of every licence in
 * the knowledge base (generated from `spdx-license-list` by `scripts/generate-license-corpus.mjs`).
 * Loaded on first use, so a bundle that never detects licence texts does not carry it.
 */
export function loadLicenseCorpus(): Promise<LicenseCorpus> {
  corpus ??= import("./corpus.generated.js").then(({ LICENSE_CORPUS_SOURCE, LICENSE_CORPUS_VOCABULARY, LICENSE_CORPUS_ENTRIES }) => {
    const vocabulary = LICENSE_CORPUS_VOCABULARY.split(" ");
    return {
      source: LICENSE_CORPUS_SOURCE,
      entries: LICENSE_CORPUS_ENTRIES.map(([spdx, indices]) => ({ spdx, words: new Set(indices.split(" ").map((i) => vocabulary[parseInt(i, 36)]!)) })),
    };
  }).then((loaded) => {
    builtin.add(loaded);
    return loaded;
  });
  return corpus;
}
