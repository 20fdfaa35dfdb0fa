export type * from "./types.js";
export { knowledgeBase } from "./knowledge-base.js";
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
