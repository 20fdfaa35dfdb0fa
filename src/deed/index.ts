// The licence deed: a page people read and a hub can embed, checked in the browser on the core
// alone. `browser.ts` (the `omrl/deed` entry) adds the <omrl-deed> custom element.
export { escapeHtml } from "./escape-html.js";
export { describeTerms, describeSize, groupDigits, type DeedDescription, type DeedLine } from "./describe-terms.js";
export { checkDeedTerms, type DeedStatus, type CheckDeedTermsReturnType } from "./deed-status.js";
export { calculateOwed, MAX_CALCULATOR_REPORT_LENGTH, type CalculateOwedParameters, type CalculateOwedReturnType } from "./calculate-owed.js";
export { renderSummary, type RenderSummaryOptions } from "./render-summary.js";
export { renderStatus } from "./render-status.js";
export { renderCalculatorForm, renderOwedResult, formatBaseUnits } from "./render-calculator.js";
export { lineageSvg } from "./lineage-svg.js";
export { markdownToHtml, type MarkdownToHtmlOptions } from "./markdown-to-html.js";
export { renderDeedPage, type RenderDeedPageParameters } from "./render-deed-page.js";
export { DEED_CSS } from "./deed-styles.js";
