export type { AppManifest, AppModel, AppPolicy, Attribution, ModelUse } from "./manifest/types.js";
export { parseAppManifest, defaultModelId, appSchema, InvalidAppManifestError, MAX_APP_MANIFEST_LENGTH, type AppManifestIssue } from "./manifest/parseAppManifest.js";
export { parsePeriod, tryParsePeriod, periodStart, periodEnd, dueDate, type Period, type PeriodKind } from "./period.js";
export type { RevenueReport, RevenuePeriod } from "./revenue/types.js";
export { RevenueAggregator, RevenueFieldError, MAX_AMOUNT_FRACTION_DIGITS, MAX_REPORT_PERIODS } from "./revenue/aggregator.js";
export { RevenueCsvParser, parseRevenueCsv, MAX_CSV_LINE_LENGTH, MAX_CSV_COLUMNS, type RevenueCsvParserOptions } from "./revenue/parseRevenueCsv.js";
export { parseRevenueJson, MAX_JSON_REPORT_LENGTH, MAX_JSON_REPORT_LINES } from "./revenue/parseRevenueJson.js";
export type { Statement, Obligation, StatementPayee, TraceStep } from "./statement/types.js";
export {
  computeStatement,
  type ComputeStatementParameters,
  type ComputeStatementReturnType,
  type StatementModelInput,
  type StatementAncestorInput,
} from "./statement/computeStatement.js";
export { hashStatement, verifyStatementHash } from "./statement/hashStatement.js";
export { statementToJson, statementToMarkdown, statementToCsv, statementToText, STATEMENT_CSV_COLUMNS } from "./statement/renderStatement.js";
export { statementSchema } from "./statement/schema.js";
export { statementToMermaid } from "./statement/format-statement-mermaid.js";
