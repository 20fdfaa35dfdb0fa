export * from "./fraction.js";
export { parseDecimal, isDecimalString, type ParseDecimalOptions } from "./decimal.js";
export { PPM, parsePercent, formatPercent, ppmToFraction } from "./rate.js";
export { splitByWeights, splitCumulative } from "./split.js";
