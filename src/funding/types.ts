import type { Fraction } from "../money/index.js";

/** One donation: who gave how much to which project, in the pool token's base units. */
export type Contribution = {
  contributor: string;
  project: string;
  /** Base units of the round's token (see `parseTokenAmount`). */
  amount: bigint;
  /**
   * Optional weight on the amount for matching only (a sybil / passport score): matching uses
   * floor(amount × weight); the project's contributions total keeps the full amount.
   */
  weight?: Fraction | undefined;
  /** The project's payout address as the row lists it; used to exclude self-contributions. */
  recipient?: string | undefined;
};

/** The matching algorithms `matchRound` knows. clr.fund's formulas are in `clrfundAllocations`. */
export type QfAlgorithm = "standard" | "pairwise" | "cocm";

/** The matching pool: `amount` base units of a token with `decimals`. */
export type MatchingPool = { amount: bigint; decimals: number; symbol?: string | undefined };

/** Why contributions were left out of matching (and out of the totals). */
export type ExcludedContributions = {
  /** Rows with amount 0. */
  zeroAmount: number;
  /** Rows below `minimumContribution`. */
  belowMinimum: number;
  /** Rows whose contributor is the project's own recipient. */
  selfContributions: number;
};

export type ProjectMatch = {
  project: string;
  /** Distinct contributors counted. */
  contributors: number;
  /** Sum of the counted contributions, base units. */
  contributions: bigint;
  /** The match, base units. */
  match: bigint;
  /** contributions + match. */
  total: bigint;
  /** What the match would have been with no cap. */
  uncappedMatch: bigint;
  /** True when the cap held this project's match down. */
  capped: boolean;
  /** clr.fund: the recipient's index in the tally (names repeat in real rounds; the index does not). */
  recipientIndex?: number | undefined;
  /** clr.fund: the recipient's payout address, when the round export gives it. */
  recipientAddress?: string | undefined;
};

export type CapReport = {
  /** The cap in base units (null: no cap). */
  cap: bigint | null;
  /** Projects held at the cap. */
  cappedProjects: string[];
  /** Base units the cap took from capped projects and gave to the others (or left undistributed). */
  movedFromCapped: bigint;
  /** Rounds of redistribution until no project was over the cap. */
  iterations: number;
};

export type MatchRoundReturnType = {
  algorithm: QfAlgorithm | "clrfund-quadratic" | "clrfund-linear";
  pool: MatchingPool;
  /** Σ match over projects: equal to the pool unless caps or an all-zero round left some over. */
  distributed: bigint;
  /** pool − distributed. */
  undistributed: bigint;
  /** Sorted by match, largest first, then by name. */
  projects: ProjectMatch[];
  caps: CapReport;
  excluded: ExcludedContributions;
  /** Contributions counted (rows) and distinct contributors among them. */
  contributionCount: number;
  contributorCount: number;
};
