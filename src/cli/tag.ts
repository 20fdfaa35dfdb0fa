import { stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { Command } from "commander";
import { createProgressBar } from "../sources/node.js";
import { tagRelease, type TagReleaseReturnType } from "../tag/index.js";
import { EXIT_OK } from "./exit.js";
import { formatOption, type CliIO, type CommandModule } from "./program.js";

type TagOptions = { stamp?: boolean; include: string[]; cache: boolean; format: "text" | "json" };

const collect = (value: string, previous: string[]) => [...previous, value];

async function tag(target: string, options: TagOptions, io: CliIO) {
  let dir = resolve(io.cwd, target);
  // `omrl tag path/to/omrl.json` tags the folder that holds it.
  if ((await stat(dir).catch(() => undefined))?.isFile()) dir = dirname(dir);
  // one bar, one phase at a time: `stamp` (a full copy of each file), then `sha256`
  const bar = options.format === "text" ? createProgressBar({ label: "sha256", env: io.env }) : undefined;
  let phase: "stamp" | "digest" | undefined;
  let result: TagReleaseReturnType;
  try {
    result = await tagRelease({
      dir,
      stamp: options.stamp === true,
      include: options.include,
      cache: options.cache ? undefined : false,
      onProgress: (progress) => {
        if (progress.phase !== phase) bar?.phase((phase = progress.phase) === "stamp" ? "stamp" : "sha256");
        bar?.update(progress.bytesDone, progress.bytesTotal);
      },
    });
  } finally {
    bar?.finish();
  }
  if (options.format === "json") io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  else io.stdout(formatText(result, options.stamp === true));
  io.setExitCode(EXIT_OK);
}

/** At most five names, then a count, so a 200-shard release stays readable. */
function list(paths: string[]): string {
  return paths.length <= 5 ? paths.join(", ") : `${paths.slice(0, 5).join(", ")} and ${paths.length - 5} more`;
}

function formatText(result: TagReleaseReturnType, stamp: boolean): string {
  const lines = [`Tagged ${result.dir}`, `  terms core hash ${result.termsCoreHash}`];
  const stamped = result.files.filter((file) => file.stamped).map((file) => file.path);
  const current = result.files.filter((file) => file.current).map((file) => file.path);
  const unstamped = result.files.filter((file) => !file.current && !file.stamped).map((file) => file.path);
  if (stamped.length > 0) lines.push(`  stamped         ${list(stamped)}`);
  if (current.length > 0) lines.push(`  already stamped ${list(current)}`);
  if (unstamped.length > 0)
    lines.push(`  not stamped     ${list(unstamped)}${stamp ? "" : " (they do not carry this terms core hash: run omrl tag --stamp)"}`);
  lines.push(
    `  artifacts       ${result.artifacts.length} ${result.artifactsChanged ? "recorded in omrl.json" : "unchanged"} (${list(result.artifacts.map((a) => a.path))})`,
  );
  if (result.licenseWritten) lines.push("  LICENSE.md      re-rendered");
  if (result.changedFiles.length === 0) lines.push("Nothing changed.");
  if (result.signatureRemoved) lines.push("The old signature no longer matches and was removed: run omrl sign --key-env VAR");
  else if (!result.signed) lines.push("The terms are not signed: run omrl sign --key-env VAR");
  return `${lines.join("\n")}\n`;
}

export const tagCommand: CommandModule = {
  register(program: Command, io: CliIO) {
    program
      .command("tag")
      .description("stamp the licence into safetensors/GGUF files (--stamp) and record the artifacts' sizes and sha256 in omrl.json")
      .argument("[dir]", "the release folder (or its omrl.json)", ".")
      .option("--stamp", "first write the licence and the terms core hash into every safetensors and GGUF file")
      .option("--include <glob>", "artifacts to record, repeatable (default: weights and shard indexes)", collect, [])
      .option("--no-cache", "do not read or write the digest cache")
      .addOption(formatOption())
      .action((dir: string, options: TagOptions) => tag(dir, options, io));
  },
};
