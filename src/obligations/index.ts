export type { AppManifest, AppModel, AppPolicy, Attribution, ModelUse } from "./manifest/types.js";
export { parseAppManifest, defaultModelId, appSchema, InvalidAppManifestError, MAX_APP_MANIFEST_LENGTH, type AppManifestIssue } from "./manifest/parse-app-manifest.js";
export { parsePeriod, tryParsePeriod, periodStart, periodEnd, dueDate, type Period, type PeriodKind } from "./period.js";
export type { RevenueReport, RevenuePeriod } from "./revenue/types.js";
export { RevenueAggregator, RevenueFieldError, MAX_AMOUNT_FRACTION_DIGITS, MAX_REPORT_PERIODS } from "./revenue/aggregator.js";
export { RevenueCsvParser, parseRevenueCsv, MAX_CSV_LINE_LENGTH, MAX_CSV_COLUMNS, type RevenueCsvParserOptions } from "./revenue/parse-revenue-csv.js";
export { parseRevenueJson, MAX_JSON_REPORT_LENGTH, MAX_JSON_REPORT_LINES } from "./revenue/parse-revenue-json.js";
export type { Statement, Obligation, StatementPayee, TraceStep } from "./statement/types.js";
export {
  computeStatement,
  type ComputeStatementParameters,
  type ComputeStatementReturnType,
  type StatementModelInput,
  type StatementAncestorInput,
} from "./statement/compute-statement.js";
export { hashStatement, verifyStatementHash } from "./statement/hash-statement.js";
export { statementToJson, statementToMarkdown, statementToCsv, statementToText, STATEMENT_CSV_COLUMNS } from "./statement/render-statement.js";
export { statementSchema } from "./statement/schema.js";
export { statementToMermaid } from "./statement/format-statement-mermaid.js";
