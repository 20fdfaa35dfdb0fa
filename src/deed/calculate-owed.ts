import { InvalidInputError } from "../errors.js";
import { computeStatement, parseRevenueCsv, type Obligation, type RevenueReport } from "../obligations/index.js";
import { hashTerms, type OmrlTerms } from "../terms/index.js";

/** Most characters of a pasted revenue report the calculator reads (about 20,000 monthly lines). */
export const MAX_CALCULATOR_REPORT_LENGTH = 1024 * 1024;

export type CalculateOwedParameters = {
  terms: OmrlTerms;
  /** Default: `hashTerms(terms)`. */
  termsHash?: string | undefined;
  /** A revenue report in the CSV form `omrl owed` reads (`period,currency,gross,refunds,mau`); wins over the single-period fields. */
  report?: string | undefined;
  /** One period (`2026-07`, `2026-Q3`, `2026`) with its gross revenue, refunds and MAU, when no report is given. */
  period?: string | undefined;
  gross?: string | undefined;
  refunds?: string | undefined;
  mau?: string | undefined;
  /** The model's attribution weight (`"0.4"`): needed when the basis is `attributable`. */
  attributionWeight?: string | undefined;
  /** Token per unit of the terms' currency (`"1"` for USDC per USD). */
  tokenPerFiat: string;
};

/** What the app owes this model (one obligation per settlement period), with the report read. */
export type CalculateOwedReturnType = { obligations: Obligation[]; report: RevenueReport };

const FIELD = /^[^,"\r\n]*$/;

function field(name: string, value: string | undefined, fallback = ""): string {
  const text = (value ?? "").trim() || fallback;
  if (!FIELD.test(text) || text.length > 64) throw new InvalidInputError(`${name} must be a plain value without commas, quotes or line breaks (e.g. "12500.50")`, { location: name });
  return text;
}

/**
 * "What would I owe?": computes this model's obligations for the revenue given, with the same
 * engine and the same revenue parser as `omrl owed` (exact: bigint base units, no floats). Upstream
 * models are not resolved (the deed holds one release's terms); the trace says what was applied.
 *
 * @example
 * const { obligations } = calculateOwed({ terms, period: "2026-Q3", gross: "138750.50", refunds: "3050.50", mau: "21300", attributionWeight: "0.4", tokenPerFiat: "1" });
 * obligations[0].amount // "2714000000"
 */
export function calculateOwed(parameters: CalculateOwedParameters): CalculateOwedReturnType {
  const { terms } = parameters;
  const currency = terms.revenueShare.currency;
  let csv: string;
  if (parameters.report !== undefined && parameters.report.trim() !== "") {
    if (parameters.report.length > MAX_CALCULATOR_REPORT_LENGTH)
      throw new InvalidInputError(`the revenue report is longer than ${MAX_CALCULATOR_REPORT_LENGTH} characters; use omrl owed for large reports`, { location: "report" });
    csv = parameters.report;
  } else {
    const period = field("period", parameters.period);
    if (!period) throw new InvalidInputError("give the period (e.g. 2026-Q3 or 2026-07)", { location: "period" });
    const gross = field("gross revenue", parameters.gross);
    if (!gross) throw new InvalidInputError("give the gross revenue for the period (e.g. 12500.50)", { location: "gross revenue" });
    csv = `period,currency,gross,refunds,mau\n${period},${currency},${gross},${field("refunds", parameters.refunds, "0")},${field("monthly active users", parameters.mau)}\n`;
  }
  const report = parseRevenueCsv(csv, { source: parameters.report ? "the pasted report" : "the calculator" });
  const weight = (parameters.attributionWeight ?? "").trim();
  const pair = `${report.currency}/${terms.payment.token.symbol}`;
  const statement = computeStatement({
    // the licensee is not known on a deed; the statement's obligations do not depend on it
    licensee: { name: "you", account: `${terms.payment.chain}:0x0000000000000000000000000000000000000000` },
    models: [
      {
        id: terms.model.repo ?? terms.model.name,
        terms,
        termsHash: parameters.termsHash ?? hashTerms(terms),
        attribution: weight ? { weight } : undefined,
        ancestors: [],
      },
    ],
    revenue: report,
    rates: { [pair]: parameters.tokenPerFiat.trim() },
  });
  return { obligations: statement.obligations, report };
}
