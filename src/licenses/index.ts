export type * from "./types.js";
export { knowledgeBase } from "./knowledge-base.js";
export {
  detectLicenseText,
  loadLicenseCorpus,
  rememberedLicenseDetection,
  LICENSE_CORPUS_TAG,
  normalizeLicenseWords,
  diceCoefficient,
  extractCopyrightLines,
  LICENSE_MATCH_THRESHOLD,
  MAX_LICENSE_TEXT_CHARS,
  type DetectLicenseTextParameters,
  type DetectLicenseTextReturnType,
  type LicenseCorpus,
  type LicenseTextMatch,
} from "./detect/index.js";
export { licenseTextMustShip, sameLicenseId } from "./license-text-must-ship.js";
export { InvalidLicenseExpressionError, UnknownLicenseError } from "./errors.js";
export {
  listLicenses,
  lookupLicense,
  type ListLicensesParameters,
  type LookupLicenseReturnType,
} from "./lookup-license.js";
export {
  evaluateLicenseExpression,
  licenseToSpdx,
  parseLicenseExpression,
  MAX_LICENSE_EXPRESSION_DEPTH,
  MAX_LICENSE_EXPRESSION_LENGTH,
  type EvaluateLicenseExpressionParameters,
  type EvaluateLicenseExpressionReturnType,
  type ParseLicenseExpressionParameters,
  type ParseLicenseExpressionReturnType,
} from "./spdx.js";
