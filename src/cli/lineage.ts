import { Option, type Command } from "commander";
import { InvalidInputError } from "../errors.js";
import { formatLineageText, resolveLineage } from "../lineage/index.js";
import { createHubSourceOpener } from "../sources/hub/index.js";
import { createFileHubCache, hubOptionsFromEnv } from "../sources/hub/node/index.js";
import { EXIT_OK, EXIT_USAGE, EXIT_VIOLATIONS } from "./exit.js";
import { formatOption, type CliIO, type CommandModule } from "./program.js";

type LineageOptions = { format: "text" | "json"; depth: string; hubUrl?: string; offline?: boolean; cache: boolean; cacheDir?: string };

/**
 * `omrl lineage hf:org/name[@rev]` — the base-model lineage of a Hub model.
 * Exit 0: every ancestor read; 1: some ancestor unverifiable (gated, missing, private, network),
 * cut off by the depth limit, or a cycle; 2: bad input, or the root itself cannot be read.
 */
async function run(spec: string, options: LineageOptions, io: CliIO): Promise<void> {
  if (!/^\d{1,2}$/.test(options.depth)) throw new InvalidInputError(`--depth must be an integer from 0 to 64, got "${options.depth}"`);
  const env = hubOptionsFromEnv(io.env);
  const cache = !options.cache ? undefined : options.cacheDir ? createFileHubCache({ dir: options.cacheDir }) : env.cache;
  const openSource = createHubSourceOpener({ ...env, cache, hubUrl: options.hubUrl ?? env.hubUrl, offline: options.offline || env.offline });
  const graph = await resolveLineage(spec, { openSource, maxDepth: Number(options.depth) });
  const root = graph.nodes[0]!;
  if (root.error) {
    io.stderr(`omrl: ${root.error.message}\n`);
    io.setExitCode(EXIT_USAGE);
    return;
  }
  io.stdout(options.format === "json" ? `${JSON.stringify(graph, null, 2)}\n` : formatLineageText(graph));
  io.setExitCode(graph.complete && graph.cycles.length === 0 ? EXIT_OK : EXIT_VIOLATIONS);
}

export const lineageCommand: CommandModule = {
  register(program: Command, io: CliIO) {
    program
      .command("lineage")
      .description("print the base-model lineage of a Hugging Face Hub model (exit 1 if an ancestor is unverifiable)")
      .argument("<spec>", "hf:org/name or hf:org/name@revision")
      .addOption(formatOption(["text", "json"]))
      .option("--depth <n>", "how many generations to follow", "8")
      .option("--hub-url <url>", "Hub base URL (default: $HF_ENDPOINT or https://huggingface.co)")
      .option("--offline", "answer from the cache only (also HF_HUB_OFFLINE=1)")
      .option("--no-cache", "do not read or write the on-disk cache")
      .addOption(new Option("--cache-dir <dir>", "cache folder (default: $OMRL_CACHE_DIR/hub, $XDG_CACHE_HOME/omrl/hub or ~/.cache/omrl/hub)"))
      .action((spec: string, options: LineageOptions) => run(spec, options, io));
  },
};
