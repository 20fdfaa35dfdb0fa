export { formatText, type FormatTextParameters } from "./format-text.js";
export { formatJson } from "./format-json.js";
export { formatSarif, ruleName, type FormatSarifParameters } from "./format-sarif.js";
export { formatMarkdown, type FormatMarkdownParameters } from "./format-markdown.js";
export { DEFAULT_DOCS_BASE_URL, docsUrl } from "./shared.js";
export { ruleHelp, type RuleHelp } from "./rule-help.js";
