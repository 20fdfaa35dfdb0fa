// `omrl/deed`: the browser entry. Importing it defines <omrl-deed>; it runs on the core alone.
import { defineOmrlDeed } from "./element.js";

export { OmrlDeedElement, defineOmrlDeed, OMRL_DEED_TAG, type OmrlDeedStatusEventDetail } from "./element.js";
export { checkDeedTerms, type DeedStatus, type CheckDeedTermsReturnType } from "./deed-status.js";
export { calculateOwed, type CalculateOwedParameters, type CalculateOwedReturnType } from "./calculate-owed.js";
export { describeTerms, type DeedDescription } from "./describe-terms.js";
export { DEED_CSS } from "./deed-styles.js";

defineOmrlDeed();
