import type { Fraction } from "../../money/index.js";
import type { Period, PeriodKind } from "../period.js";

/** The revenue of one reporting period, aggregated from every report line that names it. */
export type RevenuePeriod = {
  period: Period;
  /** Sum of the lines' gross revenue, exact. */
  gross: Fraction;
  /** Sum of the lines' refunds and returns, exact. */
  refunds: Fraction;
  /** Monthly active users: the largest value any line of the period gives; undefined when none does. */
  mau: number | undefined;
  /** Per-model usage (of the metric the manifest names), summed, by model id. */
  usage: Record<string, Fraction>;
  /** How many lines contributed, and the first and last of them (1-based line numbers or JSON indexes). */
  lines: number;
  firstLine: number;
  lastLine: number;
};

/** A parsed revenue report: one currency, one granularity, periods in time order. */
export type RevenueReport = {
  /** Where it came from (a file name), for traces. */
  source?: string | undefined;
  /** ISO 4217 currency of every amount. */
  currency: string;
  /** The granularity of the report's periods (a day counts as its month). */
  granularity: PeriodKind;
  periods: RevenuePeriod[];
};
