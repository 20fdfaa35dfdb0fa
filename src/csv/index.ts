export {
  CsvReader,
  DEFAULT_MAX_CSV_FIELDS,
  DEFAULT_MAX_CSV_LINE_LENGTH,
  DEFAULT_MAX_CSV_RECORD_LENGTH,
  type CsvReaderOptions,
} from "./csv-reader.js";
export { CsvSyntaxError, type CsvSyntaxErrorParameters, type CsvSyntaxReason } from "./csv-syntax-error.js";
export { readCsv, type CsvInput, type ReadCsvParameters, type ReadCsvReturnType } from "./read-csv.js";
export { readCsvText, type ReadCsvTextParameters, type ReadCsvTextReturnType } from "./read-csv-text.js";
export { formatCsvRecord } from "./format-csv-record.js";
export { quoteCsvField } from "./quote-csv-field.js";
