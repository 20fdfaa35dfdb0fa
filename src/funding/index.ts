export type {
  Contribution,
  QfAlgorithm,
  MatchingPool,
  ExcludedContributions,
  ProjectMatch,
  CapReport,
  MatchRoundReturnType,
} from "./types.js";
export { parseCsv, type ParseCsvParameters } from "./csv.js";
export {
  parseTokenAmount,
  formatTokenAmount,
  type AmountRounding,
  type ParseTokenAmountParameters,
} from "./parse-token-amount.js";
export {
  parseContributionsCsv,
  parseContributionsJson,
  CONTRIBUTION_COLUMNS,
  type ParseContributionsParameters,
  type ParseContributionsReturnType,
} from "./parse-contributions.js";
export {
  aggregateContributions,
  createRoundBuilder,
  type AggregatedRound,
  type AggregateContributionsParameters,
  type RoundBuilder,
} from "./aggregate.js";
export { standardWeights } from "./standard-weights.js";
export { pairwiseWeights } from "./pairwise-weights.js";
export { cocmWeights, COCM_MAX_CELLS } from "./cocm-weights.js";
export {
  quantizeWeights,
  distributeByWeights,
  type DistributeParameters,
  type DistributeReturnType,
} from "./distribute.js";
export { matchRound, sortProjects, type MatchRoundParameters } from "./match-round.js";
export {
  clrfundAllocations,
  clrfundAlpha,
  clrfundMatch,
  clrfundTallyFromRound,
  parseClrfundRound,
  isqrt,
  CLRFUND_ALPHA_PRECISION,
  type ClrfundTally,
  type ClrfundFormula,
  type ClrfundRound,
} from "./clrfund.js";
export {
  funderPayback,
  type FunderPaybackParameters,
  type FunderPaybackReturnType,
  type FunderPayee,
  type FunderShare,
  type FunderSplitConfig,
  type FunderWeighting,
} from "./funder-payback.js";
export { formatMatchResult, matchResultToJson, type MatchFormat } from "./format-match.js";
