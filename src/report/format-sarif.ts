import type { Diagnostic, Severity, VerificationResult } from "../rules/index.js";
import { ruleHelp } from "./rule-help.js";
import { docsUrl } from "./shared.js";

export type FormatSarifParameters = {
  /** Prepended to every file path (the release folder relative to the repository root, e.g. `models/tiny`). */
  uriPrefix?: string | undefined;
  /** Base URL of the rule docs. Default: the repository's `docs/` ({@link DEFAULT_DOCS_BASE_URL}). */
  docsBaseUrl?: string | undefined;
  /** `tool.driver.version`. */
  toolVersion?: string | undefined;
};

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };

/**
 * The result as a SARIF 2.1.0 log, as GitHub code scanning accepts it: one run, the rules that ran
 * in `tool.driver.rules` (id, name, short and full description, `help` as text and Markdown from
 * the rule's docs, help URI, default level), one result per finding with a
 * relative file location (and line/column where known), and accepted findings carrying a SARIF
 * `suppressions` entry with the resolution's justification.
 *
 * @example
 * writeFileSync("omrl.sarif", formatSarif(result, { uriPrefix: "models/tiny" }));
 */
export function formatSarif(result: VerificationResult, parameters: FormatSarifParameters = {}): string {
  const prefix = parameters.uriPrefix ? parameters.uriPrefix.replace(/\\/g, "/").replace(/^\.\/?/, "").replace(/\/+$/, "") : "";
  const uri = (file: string) => (prefix ? `${prefix}/${file}` : file).split("/").map(encodeURIComponent).join("/");
  const ruleIndex = new Map(result.rules.map((r, i) => [r.id, i]));
  const location = (d: Diagnostic) => {
    // GitHub wants a location on every result: a finding about the release as a whole points at
    // its terms (or card), the files that state its licence.
    const file = d.file ?? "omrl.json";
    const region = d.line === undefined ? undefined : { startLine: d.line, ...(d.column === undefined ? {} : { startColumn: d.column }) };
    return { physicalLocation: { artifactLocation: { uri: uri(file) }, ...(region ? { region } : {}) } };
  };
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "omrl",
            informationUri: docsUrl("docs/rules.md", parameters.docsBaseUrl),
            ...(parameters.toolVersion ? { version: parameters.toolVersion } : {}),
            rules: result.rules.map((r) => {
              const help = ruleHelp(r.id, r, parameters.docsBaseUrl);
              return {
              id: r.id,
              name: ruleName(r.id),
              shortDescription: { text: r.description },
              fullDescription: { text: help.text },
              help,
              helpUri: docsUrl(r.docs, parameters.docsBaseUrl),
              defaultConfiguration: { level: LEVEL[r.severity] },
              properties: { tags: ["license", ...(r.type ? [r.type] : [])] },
              };
            }),
          },
        },
        automationDetails: { id: `omrl/${result.ruleSet}/` },
        results: result.diagnostics.map((d) => ({
          ruleId: d.ruleId,
          ...(ruleIndex.has(d.ruleId) ? { ruleIndex: ruleIndex.get(d.ruleId) } : {}),
          level: LEVEL[d.severity],
          message: { text: d.message },
          locations: [location(d)],
          ...(d.related?.length
            ? { relatedLocations: d.related.map((r, id) => ({ id, message: { text: r.message }, ...(r.file ? { physicalLocation: { artifactLocation: { uri: uri(r.file) } } } : {}) })) }
            : {}),
          ...(d.pointer !== undefined ? { properties: { jsonPointer: d.pointer } } : {}),
          ...(d.suppressed ? { suppressions: [{ kind: "external", status: "accepted", justification: `${d.suppressed.reason}: ${d.suppressed.comment}` }] } : {}),
        })),
        properties: { source: result.source, status: result.status, counts: result.counts },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** `omrl/terms-missing` → `TermsMissing` (SARIF's `name`: an identifier-like, human-readable rule name). */
export function ruleName(id: string): string {
  const last = id.split("/").pop() ?? id;
  return last.replace(/(^|[-_])([a-z0-9])/g, (_, _sep: string, c: string) => c.toUpperCase());
}
