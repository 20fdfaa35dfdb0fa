export { formatText, type FormatTextParameters } from "./format-text.js";
export { formatJson } from "./format-json.js";
export { formatSarif, type FormatSarifParameters } from "./format-sarif.js";
export { formatMarkdown, type FormatMarkdownParameters } from "./format-markdown.js";
export { DEFAULT_DOCS_BASE_URL } from "./shared.js";
