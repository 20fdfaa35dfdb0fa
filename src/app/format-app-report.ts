import { escapeMarkdownCell } from "../text/index.js";
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
    for (const d of p.diagnostics) out.push(`| ${ICON[d.severity]} ${d.severity} | [\`${d.ruleId}\`](${d.docs ?? "docs/app.md"}) | ${cell(d.message)} |`);
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

function sarif(p: FormatAppReportParameters): string {
  const known = new Map(appChecks.map((c) => [c.meta.id, c.meta]));
  const ids = [...new Set(p.diagnostics.map((d) => d.ruleId))].sort();
  const rules = ids.map((id) => {
    const meta = known.get(id);
    return {
      id,
      shortDescription: { text: meta?.description ?? (id === "app/lockfile-changed" ? "The lockfile matches a fresh resolution (--frozen)" : id) },
      helpUri: `https://github.com/omrl/omrl/blob/main/${meta?.docs ?? "docs/app.md"}`,
      defaultConfiguration: { level: SARIF_LEVEL[meta?.defaultSeverity ?? "error"] },
    };
  });
  const results = p.diagnostics.map((d) => ({
    ruleId: d.ruleId,
    ruleIndex: ids.indexOf(d.ruleId),
    level: SARIF_LEVEL[d.severity],
    message: { text: d.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: (d.file ?? p.manifestPath ?? "omrl.app.json").replace(/\\/g, "/") } } }],
    ...(d.model !== undefined ? { properties: { model: d.model, ...(d.ancestor !== undefined ? { ancestor: d.ancestor } : {}) } } : {}),
  }));
  return `${JSON.stringify(
    {
      $schema: "https://json.schemastore.org/sarif-2.1.0.json",
      version: "2.1.0",
      runs: [{ tool: { driver: { name: "omrl", informationUri: "https://github.com/omrl/omrl", rules } }, results }],
    },
    null,
    2,
  )}\n`;
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
