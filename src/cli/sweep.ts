import type { Command } from "commander";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { InvalidInputError } from "../errors.js";
import { createRedisQueue, parseRepoList, sweepHub, type SweepHubReturnType } from "../service/index.js";
import { hubOptionsFromEnv } from "../sources/hub/node/index.js";
import { EXIT_OK } from "./exit.js";
import { formatOption, type CliIO, type CommandModule } from "./program.js";
import { intOption, type ServiceCliOptions } from "./shared/service-options.js";

type SweepOptions = ServiceCliOptions & { author?: string; search?: string; fromFile?: string; force?: boolean; limit?: string; format: "text" | "json" };

const MAX_LIST_BYTES = 256 * 1024 * 1024;

async function run(options: SweepOptions, io: CliIO): Promise<void> {
  if (!options.redis) throw new InvalidInputError("omrl sweep needs --redis redis://host:port (the queue `omrl worker` processes run)", { docsPath: "docs/hub-service.md#sweep" });
  const chosen = [options.author, options.search, options.fromFile].filter((v) => v !== undefined).length;
  if (chosen !== 1) throw new InvalidInputError("give exactly one of --author, --search, --from-file", { docsPath: "docs/hub-service.md#sweep" });
  let repos: string[] | undefined;
  if (options.fromFile) {
    const path = resolve(io.cwd, options.fromFile);
    const text = await readFile(path, "utf8").catch((error: unknown) => {
      throw new InvalidInputError(`cannot read ${path}: ${(error as Error).message}`);
    });
    if (text.length > MAX_LIST_BYTES) throw new InvalidInputError(`${path} is larger than 256 MiB`);
    repos = parseRepoList(text, path);
  }
  const limit = options.limit === undefined ? undefined : intOption(options.limit, "--limit", 1, 1_000_000_000, 0);
  const attempts = intOption(options.attempts, "--attempts", 1, 100, 5);
  const backoffMs = intOption(options.backoffMs, "--backoff-ms", 1, 3_600_000, 2000);
  const hub = hubOptionsFromEnv(io.env);
  const queue = await createRedisQueue({ url: options.redis, prefix: options.prefix, attempts, backoffMs });
  const tty = io.isTTY && io.env.TERM !== "dumb" && options.format === "text";
  let last = 0;
  const draw = (s: SweepHubReturnType, final = false) => {
    if (!tty) return;
    const now = Date.now();
    if (!final && now - last < 100) return;
    last = now;
    io.stderr(`\r\x1b[Ksweep: ${s.listed} listed, ${s.queued} queued, ${s.upToDate} up to date, ${s.duplicates} already queued${final ? "\n" : ""}`);
  };
  let summary: SweepHubReturnType;
  try {
    summary = await sweepHub({
      queue,
      ...(options.author !== undefined ? { author: options.author } : {}),
      ...(options.search !== undefined ? { search: options.search } : {}),
      ...(repos ? { repos } : {}),
      hubUrl: options.hubUrl ?? hub.hubUrl,
      accessToken: hub.accessToken,
      force: options.force,
      limit,
      onProgress: (s) => draw(s),
    });
  } finally {
    await queue.close();
  }
  draw(summary, true);
  if (options.format === "json") io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
  else {
    io.stdout(`${summary.listed} repos listed: ${summary.queued} queued, ${summary.upToDate} up to date, ${summary.duplicates} already queued, ${summary.skipped.length} skipped\n`);
    for (const s of summary.skipped.slice(0, 20)) io.stdout(`  skipped ${s.repo}: ${s.reason}\n`);
    if (summary.skipped.length > 20) io.stdout(`  … and ${summary.skipped.length - 20} more (--format json lists all)\n`);
  }
  io.setExitCode(EXIT_OK);
}

export const sweepCommand: CommandModule = {
  register(program: Command, io: CliIO) {
    program
      .command("sweep")
      .summary("queue re-validation of many Hub repos")
      .description("Queue the re-validation of many repos for `omrl worker`: all of an author's (--author), a search's (--search) or a list (--from-file, one org/name[@sha] a line). Repos whose stored result was judged by the current rules and licence knowledge base are skipped unless --force.")
      .option("--redis <url>", "the queue's Redis (redis://host:port)")
      .option("--prefix <prefix>", "Redis key prefix", "omrl")
      .option("--author <name>", "every model of this user or organisation")
      .option("--search <text>", "every model whose name contains this")
      .option("--from-file <path>", "a list of org/name or org/name@sha, one a line (# comments)")
      .option("--force", "queue even repos with an up-to-date result")
      .option("--limit <n>", "stop after this many repos")
      .option("--attempts <n>", "tries before a job is dead-lettered", "5")
      .option("--backoff-ms <ms>", "first retry delay, doubling after each try", "2000")
      .option("--hub-url <url>", "Hub base URL (default $HF_ENDPOINT or https://huggingface.co)")
      .addOption(formatOption())
      .action((options: SweepOptions) => run(options, io));
  },
};
