import type { AppCheck } from "../types.js";
import { commercialUse } from "./commercial-use.js";
import { derivativeNaming } from "./derivative-naming.js";
import { licenseDenied } from "./license-denied.js";
import { licenseNotAllowed } from "./license-not-allowed.js";
import { nonCommercialUpstream } from "./non-commercial-upstream.js";
import { obligations } from "./obligations.js";
import { releaseRules } from "./release-rules.js";
import { termsHashMismatch } from "./terms-hash-mismatch.js";
import { thresholdNotice } from "./threshold-notice.js";
import { totalShareExceeded } from "./total-share-exceeded.js";
import { unsignedTerms } from "./unsigned-terms.js";
import { unverifiableModel } from "./unverifiable-model.js";

/** Every app check, in the order they report. Adding a check is adding a file and a line here. */
export const appChecks: readonly AppCheck[] = [
  unverifiableModel,
  releaseRules,
  commercialUse,
  nonCommercialUpstream,
  licenseDenied,
  licenseNotAllowed,
  unsignedTerms,
  termsHashMismatch,
  totalShareExceeded,
  derivativeNaming,
  thresholdNotice,
  obligations,
];

export { commercialUse, derivativeNaming, releaseRules, licenseDenied, licenseNotAllowed, nonCommercialUpstream, obligations, termsHashMismatch, thresholdNotice, totalShareExceeded, unsignedTerms, unverifiableModel };
export { modelObligations } from "./obligations.js";
