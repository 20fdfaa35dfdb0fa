import { Option, type Command } from "commander";
import { relative, resolve, sep } from "node:path";
import { CONFIG_FILE_NAME, parseConfig, type OmrlConfig } from "../config/index.js";
import { readConfigFile } from "../config/node.js";
import { InvalidInputError } from "../errors.js";
import { inspect, unreadableRelease, UNVERIFIABLE_OPEN_REASONS, type ModelRelease } from "../inspect/index.js";
import { formatJson, formatMarkdown, formatSarif, formatText } from "../report/index.js";
import { RULE_SET_NAMES, verifyRelease, type RuleSetName, type VerificationResult } from "../rules/index.js";
import { createHubSourceOpener } from "../sources/hub/index.js";
import { hubOptionsFromEnv } from "../sources/hub/node/index.js";
import { SourceReadError, type ModelSource } from "../sources/index.js";
import { createProgressBar, openLocalSource } from "../sources/node.js";
import { writeFileAtomic } from "../node/index.js";
import { EXIT_OK, EXIT_VIOLATIONS } from "./exit.js";
import { BOM_FORMATS, bomTimestamp, isBomFormat, renderBom, type BomFormat } from "./shared/bom-output.js";
import { formatOption, type CliIO, type CommandModule } from "./program.js";
import { useColor } from "./shared/use-color.js";
import { withResultCache } from "./shared/with-result-cache.js";

type VerifyOptions = {
  ruleSet?: RuleSetName;
  config?: string;
  format: "text" | "json" | "sarif" | "markdown" | BomFormat;
  timestamp?: string | boolean;
  maxWarnings?: string;
  out?: string;
  hubUrl?: string;
  offline?: boolean;
  digests: boolean;
};

async function openTarget(target: string, options: VerifyOptions, io: CliIO): Promise<ModelSource | ModelRelease> {
  if (target.startsWith("hf:")) {
    const env = hubOptionsFromEnv(io.env);
    const open = createHubSourceOpener({ ...env, hubUrl: options.hubUrl ?? env.hubUrl, offline: options.offline || env.offline });
    try {
      return await open(target);
    } catch (error) {
      // the repo cannot be read at all (gated, private, network): unverifiable, in every format
      if (error instanceof SourceReadError && UNVERIFIABLE_OPEN_REASONS.has(error.reason))
        return unreadableRelease({ kind: "hub", id: target }, { reason: error.reason, message: error.shortMessage }, options.digests ? "all" : "none");
      throw error;
    }
  }
  return openLocalSource(resolve(io.cwd, target));
}

async function loadConfig(options: VerifyOptions, source: ModelSource | ModelRelease, io: CliIO): Promise<OmrlConfig | undefined> {
  if (options.config) return readConfigFile(resolve(io.cwd, options.config));
  // a local release's own config applies; a Hub repo's does not (a repo must not waive its own findings)
  if ("readText" in source && source.kind === "local") {
    const text = await source.readText(CONFIG_FILE_NAME, { maxBytes: 1024 * 1024 });
    if (text !== undefined) return parseConfig(text, { location: resolve(source.id, CONFIG_FILE_NAME) });
  }
  return undefined;
}

async function run(target: string, options: VerifyOptions, io: CliIO): Promise<void> {
  let maxWarnings = Infinity;
  if (options.maxWarnings !== undefined) {
    if (!/^\d{1,9}$/.test(options.maxWarnings)) throw new InvalidInputError(`--max-warnings must be a non-negative integer, got "${options.maxWarnings}"`);
    maxWarnings = Number(options.maxWarnings);
  }
  const timestamp = bomTimestamp(options.timestamp, io.env);
  const opened = await openTarget(target, options, io);
  const config = await loadConfig(options, opened, io);
  let release: ModelRelease;
  if ("readText" in opened) {
    const bar = createProgressBar({ label: "sha256", env: io.env });
    try {
      release = await inspect(opened, { digests: options.digests ? "all" : "none", onDigestProgress: (done, total) => bar.update(done, total) });
    } finally {
      bar.finish();
    }
  } else release = opened;
  const result = verifyRelease(release, { ruleSet: options.ruleSet, config });
  const text = isBomFormat(options.format)
    ? await renderBom(options.format, (bom) => bom.bomSubjectFromRelease(release, result), { timestamp, hubUrl: options.hubUrl ?? hubOptionsFromEnv(io.env).hubUrl })
    : render(result, options, io, release);
  if (options.out) await writeFileAtomic(resolve(io.cwd, options.out), text);
  else io.stdout(text);
  const tooManyWarnings = result.counts.warning > maxWarnings;
  if (tooManyWarnings) io.stderr(`omrl: ${result.counts.warning} warning${result.counts.warning === 1 ? "" : "s"}, more than --max-warnings ${maxWarnings}\n`);
  io.setExitCode(result.status === "compliant" && !tooManyWarnings ? EXIT_OK : EXIT_VIOLATIONS);
}

function render(result: VerificationResult, options: VerifyOptions, io: CliIO, release: ModelRelease): string {
  switch (options.format) {
    case "json":
      return formatJson(result);
    case "markdown":
      return formatMarkdown(result);
    case "sarif": {
      // SARIF paths are relative to the repository being scanned: the release folder relative to the working directory
      let uriPrefix: string | undefined;
      if (release.source.kind === "local") {
        const rel = relative(io.cwd, release.source.id);
        if (rel && !rel.startsWith("..")) uriPrefix = rel.split(sep).join("/");
      }
      return formatSarif(result, { uriPrefix, toolVersion: io.env.OMRL_VERSION ?? "0.1.0" });
    }
    default:
      return formatText(result, { color: useColor(io, { toFile: options.out !== undefined }) });
  }
}

export const verifyCommand: CommandModule = {
  register(program: Command, io: CliIO) {
    program
      .command("verify")
      .description("check a model release (folder, .safetensors/.gguf file, or hf:org/name[@rev]) against the OMRL and licence rules")
      .argument("<target>", "a release folder, a single .safetensors / .gguf file, or hf:org/name[@revision]")
      .addOption(new Option("--rule-set <name>", "rule set (default: the config's extends, else publisher)").choices([...RULE_SET_NAMES]))
      .option("--config <file>", `config file (default: ${CONFIG_FILE_NAME} in a local release folder)`)
      .addOption(formatOption(["text", "json", "sarif", "markdown", ...BOM_FORMATS]))
      .option("--timestamp [when]", "BOM formats: record a creation time (now, $SOURCE_DATE_EPOCH, or the ISO 8601 time given); default none, so the BOM is reproducible")
      .option("--max-warnings <n>", "exit 1 when there are more warnings than this")
      .option("--out <file>", "write the report to a file instead of stdout")
      .option("--hub-url <url>", "Hub base URL (default: $HF_ENDPOINT or https://huggingface.co)")
      .option("--offline", "Hub: answer from the cache only (also HF_HUB_OFFLINE=1)")
      .option("--no-digests", "do not compute sha256 digests (sizes and headers are still checked)")
      .action((target: string, options: VerifyOptions) => withResultCache(io.env, () => run(target, options, io)));
  },
};
