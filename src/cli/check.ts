import { readFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import type { Command } from "commander";
import {
  buildLockfile,
  diffLockfiles,
  formatAppReport,
  parseLockfile,
  resolveApp,
  runAppChecks,
  serializeLockfile,
  countSeverities,
  type AppContext,
  type AppDiagnostic,
  type AppReportFormat,
  type LockChange,
  type Lockfile,
} from "../app/index.js";
import { createAppSourceOpener } from "../app/node/index.js";
import { InvalidInputError } from "../errors.js";
import { formatLineageMermaid } from "../lineage/index.js";
import { writeFileAtomic } from "../node/index.js";
import { parseAppManifest } from "../obligations/index.js";
import { locateJsonPointer } from "../text/index.js";
import { hubOptionsFromEnv } from "../sources/hub/node/index.js";
import { createProgressBar } from "../sources/node.js";
import { EXIT_OK, EXIT_VIOLATIONS } from "./exit.js";
import { appLineageGraphs } from "./shared/app-lineage-graphs.js";
import { BOM_FORMATS, bomTimestamp, isBomFormat, parseOutputOption, renderBom, type BomFormat } from "./shared/bom-output.js";
import { formatOption, type CliIO, type CommandModule } from "./program.js";
import { withResultCache } from "./shared/with-result-cache.js";

type CheckOptions = {
  manifest: string;
  lockfile?: string;
  frozen?: boolean;
  format: AppReportFormat | BomFormat;
  timestamp?: string | boolean;
  output: string[];
  hubUrl?: string;
  offline?: boolean;
  maxWarnings?: string;
  depth: string;
  releaseRules: boolean;
};

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new InvalidInputError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/**
 * `omrl check [--manifest omrl.app.json] [--frozen] [--lockfile omrl.lock.json]` — the build gate:
 * resolves every model of the app manifest (local, `sources` stand-ins, Hub), walks lineages, runs
 * the app checks, and writes the lockfile; with `--frozen` compares a fresh resolution with the
 * lockfile instead and fails naming every change. Exit 0: ok; 1: errors, too many warnings, or the
 * lockfile is out of date; 2: usage or input error.
 */
async function run(options: CheckOptions, io: CliIO): Promise<void> {
  if (options.maxWarnings !== undefined && !/^\d{1,9}$/.test(options.maxWarnings))
    throw new InvalidInputError(`--max-warnings must be a non-negative integer, got "${options.maxWarnings}"`);
  if (!/^\d{1,2}$/.test(options.depth) || Number(options.depth) > 64) throw new InvalidInputError(`--depth must be an integer from 0 to 64, got "${options.depth}"`);
  const timestamp = bomTimestamp(options.timestamp, io.env);
  const outputs = options.output.map((o) => parseOutputOption(o, [...CHECK_FORMATS]));
  const manifestPath = resolve(io.cwd, options.manifest);
  const manifestText = await readOptional(manifestPath);
  if (manifestText === undefined) throw new InvalidInputError(`no app manifest at ${options.manifest} (write omrl.app.json, or pass --manifest)`, { docsPath: "/docs/app.md" });
  const manifest = parseAppManifest(manifestText, { location: options.manifest });
  const manifestDir = dirname(manifestPath);
  const lockPath = options.lockfile ? resolve(io.cwd, options.lockfile) : resolve(manifestDir, "omrl.lock.json");
  const lockLabel = relative(io.cwd, lockPath) || lockPath;

  let lockedText: string | undefined;
  if (options.frozen) {
    lockedText = await readOptional(lockPath);
    if (lockedText === undefined) throw new InvalidInputError(`--frozen: no lockfile at ${lockLabel}; run omrl check without --frozen and commit it`, { docsPath: "/docs/app.md#frozen" });
  }
  const locked = lockedText === undefined ? undefined : parseLockfile(lockedText, { location: lockLabel });

  const env = hubOptionsFromEnv(io.env);
  const openSource = createAppSourceOpener({
    manifest,
    manifestDir,
    hub: { ...env, hubUrl: options.hubUrl ?? env.hubUrl, offline: options.offline || env.offline },
  });
  // hashing local weights can take a while: a sha256 bar on a terminal (not with --quiet)
  const bar = createProgressBar({ label: "sha256", env: io.env });
  let context: AppContext;
  try {
    context = await resolveApp(manifest, { openSource, maxDepth: Number(options.depth), verifyReleases: options.releaseRules, onDigestProgress: (done, total) => bar.update(done, total) });
  } finally {
    bar.finish();
  }
  const { diagnostics } = runAppChecks(context);
  const fresh = buildLockfile(context);

  let changes: LockChange[] = [];
  let written = false;
  if (locked) {
    changes = diffLockfiles(locked, fresh);
    for (const change of changes)
      diagnostics.push({ ruleId: "app/lockfile-changed", severity: "error", model: change.model, message: `${change.message} (since ${lockLabel})`, docs: "docs/app.md#frozen", file: lockLabel, ...lockLine(lockedText!, locked, change.model) } satisfies AppDiagnostic);
  } else {
    const text = serializeLockfile(fresh);
    if ((await readOptional(lockPath)) !== text) {
      await writeFileAtomic(lockPath, text);
      written = true;
    }
  }

  const hubUrl = options.hubUrl ?? env.hubUrl;
  const render = (format: AppReportFormat | BomFormat): Promise<string> | string =>
    isBomFormat(format)
      ? renderBom(format, (bom) => bom.bomSubjectFromApp(context), { timestamp, hubUrl })
      : format === "markdown"
        ? withLineagePicture(formatAppReport(format, { context, diagnostics, manifestPath: options.manifest, manifestText, lockfile: { path: lockLabel, written, changes } }), context)
        : formatAppReport(format, { context, diagnostics, manifestPath: options.manifest, manifestText, lockfile: { path: lockLabel, written, changes } });
  for (const { format, file } of outputs) await writeFileAtomic(resolve(io.cwd, file), await render(format));
  // OMRL_BENCH_RENDER_CPU=1: the CPU time of rendering the report (for a BOM: loading the BOM module
  // and the CycloneDX library, building, serialising) on stderr, which bench/cases/bom-20.mjs reads
  const renderStart = io.env.OMRL_BENCH_RENDER_CPU === "1" ? process.cpuUsage() : undefined;
  const report = await render(options.format);
  if (renderStart) {
    const { user, system } = process.cpuUsage(renderStart);
    io.stderr(`OMRL_RENDER_CPU_US=${user + system}\n`);
  }
  io.stdout(report);
  const { errors, warnings } = countSeverities(diagnostics);
  const tooManyWarnings = options.maxWarnings !== undefined && warnings > Number(options.maxWarnings);
  if (tooManyWarnings) io.stderr(`omrl: ${warnings} warning(s), more than --max-warnings ${options.maxWarnings}\n`);
  io.setExitCode(errors > 0 || tooManyWarnings ? EXIT_VIOLATIONS : EXIT_OK);
}

/** The Markdown report with the app's lineage drawn (Mermaid renders in GitHub comments and job summaries). */
function withLineagePicture(markdown: string, context: AppContext): string {
  if (context.models.length === 0) return markdown;
  const picture = formatLineageMermaid(appLineageGraphs(context), { app: { name: context.manifest.licensee.name, uses: Object.fromEntries(context.models.map((m) => [m.repo ?? m.id, m.use])) } });
  return `${markdown.trimEnd()}\n\n### Models and lineage\n\n\`\`\`mermaid\n${picture}\`\`\`\n`;
}

const CHECK_FORMATS = ["text", "json", "sarif", "markdown", ...BOM_FORMATS] as const;

export const checkCommand: CommandModule = {
  register(program: Command, io: CliIO) {
    program
      .command("check")
      .description("the app's build gate: resolve every model and its lineage, check licences and policy, write omrl.lock.json (--frozen: fail if anything upstream changed)")
      .option("--manifest <file>", "app manifest", "omrl.app.json")
      .option("--lockfile <file>", "lockfile (default: omrl.lock.json beside the manifest)")
      .option("--frozen", "do not write the lockfile; fail (exit 1) naming every change since it was written")
      .addOption(formatOption([...CHECK_FORMATS]))
      .option("--output <format=file>", "also write the report in this format to a file (repeatable), e.g. --output sarif=omrl.sarif --output cyclonedx=bom.cdx.json", (v: string, all: string[]) => [...all, v], [])
      .option("--timestamp [when]", "BOM formats: record a creation time (now, $SOURCE_DATE_EPOCH, or the ISO 8601 time given); default none, so the BOM is reproducible")
      .option("--hub-url <url>", "Hub base URL (default: $HF_ENDPOINT or https://huggingface.co)")
      .option("--offline", "no network: Hub models from the cache or the manifest's sources only (also HF_HUB_OFFLINE=1)")
      .option("--max-warnings <n>", "exit 1 when there are more warnings than this")
      .option("--depth <n>", "generations of upstream models to follow", "16")
      .option("--no-release-rules", "do not verify each model's release with the app rule set (licences, policy and lockfile only)")
      .action((options: CheckOptions) => withResultCache(io.env, () => run(options, io)));
  },
};

/** The line of a model's entry in the lockfile (SARIF locations of `app/lockfile-changed`). */
function lockLine(text: string, lock: Lockfile, model: string): { line?: number; column?: number } {
  const index = lock.models.findIndex((m) => m.id === model);
  return (index >= 0 ? locateJsonPointer(text, `/models/${index}`, { at: "value" }) : undefined) ?? {};
}
