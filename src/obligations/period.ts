import { InvalidInputError } from "../errors.js";

/** How long a period is: the terms' `revenueShare.period` and the granularity of a revenue report. */
export type PeriodKind = "month" | "quarter" | "year";

/**
 * A reporting period. `first` and `last` are month numbers counted from year 0
 * (`year * 12 + month - 1`), so windows and containment are integer comparisons.
 */
export type Period = {
  kind: PeriodKind;
  /** `2026-07`, `2026-Q3` or `2026`. */
  label: string;
  year: number;
  /** First month of the period (`year * 12 + monthIndex`). */
  first: number;
  /** Last month of the period, inclusive. */
  last: number;
};

const PERIOD = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-Q([1-4]))?$/;
const RANK: Record<PeriodKind, number> = { month: 0, quarter: 1, year: 2 };

/** True when periods of kind `a` are at most as long as those of kind `b`. */
export const isFinerOrEqual = (a: PeriodKind, b: PeriodKind) => RANK[a] <= RANK[b];

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** The period of `kind` that contains month number `month`. */
export function periodOfMonth(month: number, kind: PeriodKind): Period {
  const year = Math.floor(month / 12);
  const m = month - year * 12;
  if (kind === "month") return { kind, label: `${pad(year, 4)}-${pad(m + 1)}`, year, first: month, last: month };
  if (kind === "quarter") {
    const q = Math.floor(m / 3);
    return { kind, label: `${pad(year, 4)}-Q${q + 1}`, year, first: year * 12 + q * 3, last: year * 12 + q * 3 + 2 };
  }
  return { kind, label: pad(year, 4), year, first: year * 12, last: year * 12 + 11 };
}

/**
 * Parses `2026-07` (a month), `2026-Q3` (a quarter) or `2026` (a year). A day `2026-07-15` is
 * accepted and stands for its month, so per-day or per-transaction lines aggregate to months.
 * Returns `undefined` for anything else; `parsePeriod` throws instead.
 */
export function tryParsePeriod(text: string): Period | undefined {
  const m = PERIOD.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  if (m[4]) return periodOfMonth(year * 12 + (Number(m[4]) - 1) * 3, "quarter");
  if (!m[2]) return periodOfMonth(year * 12, "year");
  const month = Number(m[2]);
  if (month < 1 || month > 12) return undefined;
  if (m[3]) {
    const day = Number(m[3]);
    if (day < 1 || day > daysInMonth(year, month)) return undefined;
  }
  return periodOfMonth(year * 12 + month - 1, "month");
}

/**
 * Parses a period label, throwing `InvalidInputError` naming `location`.
 *
 * @example
 * parsePeriod("2026-Q3") // { kind: "quarter", label: "2026-Q3", year: 2026, first: 24318, last: 24320 }
 */
export function parsePeriod(text: string, location?: string): Period {
  const period = tryParsePeriod(text);
  if (!period)
    throw new InvalidInputError(`"${text}" is not a period (2026-07, 2026-Q3, 2026 or a day 2026-07-15)`, {
      location,
      docsPath: "/docs/obligations.md#periods",
    });
  return period;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const isoDate = (date: Date) => date.toISOString().slice(0, 10);

/** First day of the period, `YYYY-MM-DD`. */
export function periodStart(period: Period): string {
  const year = Math.floor(period.first / 12);
  return isoDate(new Date(Date.UTC(year, period.first - year * 12, 1)));
}

/** Last day of the period, `YYYY-MM-DD`. */
export function periodEnd(period: Period): string {
  const year = Math.floor(period.last / 12);
  return isoDate(new Date(Date.UTC(year, period.last - year * 12 + 1, 0)));
}

/** The day `days` after the period's last day, `YYYY-MM-DD` (the licence's payment due date). */
export function dueDate(period: Period, days: number): string {
  const year = Math.floor(period.last / 12);
  return isoDate(new Date(Date.UTC(year, period.last - year * 12 + 1, days)));
}

/** True when `inner` lies entirely within `outer`. */
export const periodWithin = (inner: Period, outer: Period) => inner.first >= outer.first && inner.last <= outer.last;
