export {
  detectLicenseText,
  loadLicenseCorpus,
  rememberedLicenseDetection,
  LICENSE_MATCH_THRESHOLD,
  type DetectLicenseTextParameters,
  type DetectLicenseTextReturnType,
  type LicenseCorpus,
  type LicenseTextMatch,
} from "./detect-license-text.js";
export { normalizeLicenseWords, MAX_LICENSE_TEXT_CHARS, MAX_LICENSE_WORDS } from "./normalize-license-text.js";
export { diceCoefficient } from "./dice-coefficient.js";
export { extractCopyrightLines, MAX_COPYRIGHT_LINES } from "./extract-copyright-lines.js";
export { AGREEMENT_TITLES } from "./agreement-titles.js";
export { LICENSE_CORPUS_TAG } from "./corpus-tag.js";
