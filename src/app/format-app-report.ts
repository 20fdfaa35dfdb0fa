import { docsUrl, ruleHelp, ruleName } from "../report/index.js";
import { getRule } from "../rules/index.js";
import { escapeMarkdownCell, locateJsonPointer } from "../text/index.js";
import { appChecks } from "./checks/index.js";
import type { LockChange } from "./lockfile.js";
import { countSeverities } from "./run-app-checks.js";
import type { AppContext, AppDiagnostic } from "./types.js";

export type AppReportFormat = "text" | "json" | "sarif" | "markdown";

export type FormatAppReportParameters = {
  context: AppContext;
  diagnostics: readonly AppDiagnostic[];
  /** The manifest path as the user wrote it (SARIF locations, headings). */
  manifestPath?: string | undefined;
  /** The manifest's text, so SARIF can point at the line of each model's entry. */
  manifestText?: string | undefined;
  /** The lockfile: where, whether it was written, what changed (`--frozen`). */
  lockfile?: { path: string; written: boolean; changes: readonly LockChange[] } | undefined;
};

const ICON = { error: "✖", warning: "⚠", info: "ℹ" } as const;

function modelLine(m: AppContext["models"][number]): string {
  const revision = m.resolvedRevision === null ? "" : `@${m.resolvedRevision.slice(0, 12)}`;
  const status = m.unverifiable.length > 0 ? "UNVERIFIABLE" : (m.license ?? "licence unknown");
  const lineage = m.lineage.length > 0 ? ` ← ${m.lineage.map((a) => `${a.repo} (${a.license ?? "?"})`).join(" ← ")}` : "";
  return `${m.id}${revision} [${m.use}] ${status}${m.termsHash ? ` terms ${m.termsHash.slice(0, 10)}…` : ""}${lineage}`;
}

function text(p: FormatAppReportParameters): string {
  const lines = p.context.models.map((m) => `  ${modelLine(m)}`);
  const out = [`omrl check${p.manifestPath ? ` ${p.manifestPath}` : ""}: ${p.context.models.length} model(s)`, ...lines, ""];
  for (const d of p.diagnostics) out.push(`${ICON[d.severity]} ${d.severity.padEnd(7)} ${d.message}  ${d.ruleId}`);
  const { errors, warnings, infos } = countSeverities(p.diagnostics);
  if (p.diagnostics.length > 0) out.push("");
  out.push(`${errors} error(s), ${warnings} warning(s), ${infos} info`);
  if (p.lockfile) out.push(p.lockfile.written ? `wrote ${p.lockfile.path}` : p.lockfile.changes.length > 0 ? `${p.lockfile.path}: ${p.lockfile.changes.length} change(s) upstream (frozen: not written)` : `${p.lockfile.path}: up to date`);
  return `${out.join("\n")}\n`;
}

function markdown(p: FormatAppReportParameters): string {
  const { errors, warnings, infos } = countSeverities(p.diagnostics);
  const out = [`## omrl check${p.manifestPath ? ` — \`${p.manifestPath}\`` : ""}`, "", `**${errors} error(s), ${warnings} warning(s), ${infos} info**`, "", "| model | use | licence | revision | terms hash |", "| --- | --- | --- | --- | --- |"];
  const cell = escapeMarkdownCell;
  for (const m of p.context.models)
    out.push(`| ${cell(m.id)} | ${m.use} | ${cell(m.unverifiable.length > 0 ? "unverifiable" : (m.license ?? "unknown"))} | ${m.resolvedRevision ? `\`${m.resolvedRevision.slice(0, 12)}\`` : "—"} | ${m.termsHash ? `\`${m.termsHash.slice(0, 10)}…\`` : "—"} |`);
  if (p.diagnostics.length > 0) {
    out.push("", "| | check | finding |", "| --- | --- | --- |");
    for (const d of p.diagnostics) out.push(`| ${ICON[d.severity]} ${d.severity} | [\`${d.ruleId}\`](${docsUrl(d.docs ?? "docs/app.md")}) | ${cell(d.message)} |`);
  }
  if (p.lockfile && p.lockfile.changes.length > 0) out.push("", `### ${p.lockfile.path} is out of date`, "", ...p.lockfile.changes.map((c) => `- ${c.message}`));
  return `${out.join("\n")}\n`;
}

function json(p: FormatAppReportParameters): string {
  const counts = countSeverities(p.diagnostics);
  return `${JSON.stringify(
    {
      manifest: p.manifestPath ?? null,
      ...counts,
      models: p.context.models.map((m) => ({
        id: m.id,
        source: m.source,
        use: m.use,
        origin: m.origin,
        resolvedRevision: m.resolvedRevision,
        license: m.license,
        termsHash: m.termsHash ?? null,
        unverifiable: m.unverifiable,
        lineage: m.lineage.map((a) => ({ repo: a.repo, revision: a.revision, license: a.license, relation: a.relation, termsHash: a.termsHash ?? null, unverifiable: a.unverifiable ?? null })),
      })),
      diagnostics: p.diagnostics,
      lockfile: p.lockfile ?? null,
    },
    null,
    2,
  )}\n`;
}

const SARIF_LEVEL = { error: "error", warning: "warning", info: "note" } as const;

/** Where an app-wide finding points in the manifest. */
const APP_POINTERS: Record<string, string> = { "app/total-share-exceeded": "/policy/maxTotalRevenueShare" };

/** The directory part of a `/`-separated path, with a trailing slash ("" for none). */
const dirOf = (path: string) => (path.includes("/") ? path.slice(0, path.lastIndexOf("/") + 1) : "");

/** SARIF location of a finding: its own file and line, else the manifest line of its model (or the policy), else the manifest. */
function sarifLocation(d: AppDiagnostic, p: FormatAppReportParameters) {
  const manifest = (p.manifestPath ?? "omrl.app.json").replace(/\\/g, "/");
  const region = (at: { line: number; column: number } | undefined) => (at ? { region: { startLine: at.line, startColumn: at.column } } : {});
  if (d.file !== undefined || d.releaseFile !== undefined) {
    const uri = d.releaseFile !== undefined ? `${dirOf(manifest)}${d.releaseFile}`.replace(/(^|\/)\.\//g, "$1") : d.file!.replace(/\\/g, "/");
    return { physicalLocation: { artifactLocation: { uri }, ...(d.line !== undefined ? { region: { startLine: d.line, ...(d.column !== undefined ? { startColumn: d.column } : {}) } } : {}) } };
  }
  const index = d.model === undefined ? -1 : p.context.manifest.models.findIndex((m) => m.id === d.model);
  const pointer = index >= 0 ? `/models/${index}` : (APP_POINTERS[d.ruleId] ?? "");
  const at = p.manifestText === undefined ? undefined : locateJsonPointer(p.manifestText, pointer, { at: "value", nearest: true });
  return { physicalLocation: { artifactLocation: { uri: manifest }, ...region(at) } };
}

function sarif(p: FormatAppReportParameters): string {
  const known = new Map<string, { description: string; docs: string; defaultSeverity: string }>(appChecks.map((c) => [c.meta.id, c.meta]));
  const ids = [...new Set(p.diagnostics.map((d) => d.ruleId))].sort();
  const rules = ids.map((id) => {
    const meta = known.get(id) ?? releaseRuleMeta(id) ?? { description: id === "app/lockfile-changed" ? "the lockfile matches a fresh resolution (--frozen)" : id, docs: "docs/app.md#frozen", defaultSeverity: "error" };
    const help = ruleHelp(id, meta);
    return {
      id,
      name: ruleName(id),
      shortDescription: { text: meta.description },
      fullDescription: { text: help.text },
      help,
      helpUri: docsUrl(meta.docs),
      defaultConfiguration: { level: SARIF_LEVEL[meta.defaultSeverity as keyof typeof SARIF_LEVEL] ?? "error" },
    };
  });
  const results = p.diagnostics.map((d) => ({
    ruleId: d.ruleId,
    ruleIndex: ids.indexOf(d.ruleId),
    level: SARIF_LEVEL[d.severity],
    message: { text: d.message },
    locations: [sarifLocation(d, p)],
    ...(d.model !== undefined ? { properties: { model: d.model, ...(d.ancestor !== undefined ? { ancestor: d.ancestor } : {}) } } : {}),
  }));
  return `${JSON.stringify(
    {
      $schema: "https://json.schemastore.org/sarif-2.1.0.json",
      version: "2.1.0",
      runs: [{ tool: { driver: { name: "omrl", informationUri: docsUrl("docs/app.md"), rules } }, results }],
    },
    null,
    2,
  )}\n`;
}

function releaseRuleMeta(id: string): { description: string; docs: string; defaultSeverity: string } | undefined {
  const rule = getRule(id);
  return rule ? { description: rule.meta.description, docs: rule.meta.docs, defaultSeverity: rule.meta.defaultSeverity } : undefined;
}

/**
 * Renders the outcome of `omrl check` (the resolved models, the findings, the lockfile state) as
 * text, JSON, SARIF 2.1.0 (for code-scanning UIs) or Markdown (for a PR comment). Pure.
 *
 * @example
 * process.stdout.write(formatAppReport("sarif", { context, diagnostics, manifestPath: "omrl.app.json" }));
 */
export function formatAppReport(format: AppReportFormat, parameters: FormatAppReportParameters): string {
  switch (format) {
    case "json":
      return json(parameters);
    case "sarif":
      return sarif(parameters);
    case "markdown":
      return markdown(parameters);
    default:
      return text(parameters);
  }
}
