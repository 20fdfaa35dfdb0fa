import { readFile, stat } from "node:fs/promises";
import { basename, dirname, resolve } from "node:path";
import { Option, type Command } from "commander";
import { createAppSourceOpener } from "../app/node/index.js";
import { InvalidInputError } from "../errors.js";
import { formatLineageMermaid, formatLineageText, resolveLineage, type LineageGraph } from "../lineage/index.js";
import { parseAppManifest } from "../obligations/index.js";
import { createHubSourceOpener, isHubRepoId } from "../sources/hub/index.js";
import { createFileHubCache, hubOptionsFromEnv } from "../sources/hub/node/index.js";
import type { ModelSource } from "../sources/index.js";
import { openLocalSource } from "../sources/node.js";
import { EXIT_OK, EXIT_USAGE, EXIT_VIOLATIONS } from "./exit.js";
import { formatOption, type CliIO, type CommandModule } from "./program.js";

type LineageOptions = { format: "text" | "json" | "mermaid"; depth: string; manifest?: string; hubUrl?: string; offline?: boolean; cache: boolean; cacheDir?: string };

/** The id a local release goes by in the graph: its terms' `model.repo`, else its folder name. */
async function localRootId(folder: string): Promise<string> {
  try {
    const repo = (JSON.parse(await readFile(resolve(folder, "omrl.json"), "utf8")) as { model?: { repo?: unknown } })?.model?.repo;
    if (typeof repo === "string" && isHubRepoId(repo)) return repo;
  } catch {
    // no terms, or unreadable ones: the folder name
  }
  return basename(resolve(folder));
}

/** A local target: a release folder, a release's omrl.json (its folder), or a single .safetensors/.gguf file. */
async function localTarget(target: string, io: CliIO): Promise<{ path: string; rootId: string }> {
  const path = resolve(io.cwd, target);
  const info = await stat(path).catch(() => {
    throw new InvalidInputError(`${target}: no such file or folder (expected hf:org/name[@rev], a release folder, its omrl.json, or a .safetensors/.gguf file)`);
  });
  if (info.isFile() && basename(path) === "omrl.json") return { path: dirname(path), rootId: await localRootId(dirname(path)) };
  if (info.isFile()) return { path, rootId: basename(path) };
  return { path, rootId: await localRootId(path) };
}

/**
 * `omrl lineage <hf:org/name[@rev] | folder | omrl.json | file>` or `omrl lineage --manifest omrl.app.json`
 * — the base-model lineage (card `base_model`, GGUF base models, the terms' `upstream`), as a text
 * tree, JSON or a Mermaid flowchart. Bases are read on the Hub (or through the manifest's `sources`).
 * Exit 0: every ancestor read; 1: some ancestor unverifiable (gated, missing, private, network),
 * cut off by the depth limit, or a cycle; 2: bad input, or the root itself cannot be read.
 */
async function run(target: string | undefined, options: LineageOptions, io: CliIO): Promise<void> {
  if (!/^\d{1,2}$/.test(options.depth) || Number(options.depth) > 64) throw new InvalidInputError(`--depth must be an integer from 0 to 64, got "${options.depth}"`);
  if ((target === undefined) === (options.manifest === undefined)) throw new InvalidInputError("give one of: a model (hf:org/name[@rev], a release folder, its omrl.json) or --manifest omrl.app.json");
  const env = hubOptionsFromEnv(io.env);
  const cache = !options.cache ? undefined : options.cacheDir ? createFileHubCache({ dir: options.cacheDir }) : env.cache;
  const hub = { ...env, cache, hubUrl: options.hubUrl ?? env.hubUrl, offline: options.offline || env.offline };
  const maxDepth = Number(options.depth);

  if (options.manifest !== undefined) return runManifest(options.manifest, { hub, maxDepth, format: options.format }, io);

  const hubOpener = createHubSourceOpener(hub);
  let graph: LineageGraph;
  if (target!.startsWith("hf:")) graph = await resolveLineage(target!, { openSource: hubOpener, maxDepth });
  else {
    const local = await localTarget(target!, io);
    const openSource = (spec: string): Promise<ModelSource> => (spec === local.path ? openLocalSource(local.path) : hubOpener(spec));
    graph = await resolveLineage(local.path, { openSource, maxDepth, rootId: local.rootId });
  }
  const root = graph.nodes[0]!;
  if (root.error) {
    io.stderr(`omrl: ${root.error.message}\n`);
    io.setExitCode(EXIT_USAGE);
    return;
  }
  io.stdout(options.format === "json" ? `${JSON.stringify(graph, null, 2)}\n` : options.format === "mermaid" ? formatLineageMermaid(graph) : formatLineageText(graph));
  io.setExitCode(graph.complete && graph.cycles.length === 0 ? EXIT_OK : EXIT_VIOLATIONS);
}

/** Every model of an app manifest, local paths and `sources` stand-ins included; one picture for the app. */
async function runManifest(file: string, options: { hub: Parameters<typeof createAppSourceOpener>[0]["hub"]; maxDepth: number; format: LineageOptions["format"] }, io: CliIO): Promise<void> {
  const path = resolve(io.cwd, file);
  const text = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new InvalidInputError(`cannot read the app manifest ${file}: ${error.code ?? error.message}`, { docsPath: "/docs/app.md" });
  });
  const manifest = parseAppManifest(text, { location: file });
  const opener = createAppSourceOpener({ manifest, manifestDir: dirname(path), hub: options.hub });
  const openSource = async (spec: string) => (await opener(spec)).source;
  const models: { id: string; use: string; graph: LineageGraph }[] = [];
  for (const model of manifest.models) {
    const rootId = model.source.startsWith("hf:") ? undefined : model.id;
    models.push({ id: model.id, use: model.use, graph: await resolveLineage(model.source, { openSource, maxDepth: options.maxDepth, rootId }) });
  }
  if (options.format === "json") io.stdout(`${JSON.stringify({ app: manifest.licensee.name, models }, null, 2)}\n`);
  else if (options.format === "mermaid")
    io.stdout(formatLineageMermaid(models.map((m) => m.graph), { app: { name: manifest.licensee.name, uses: Object.fromEntries(models.map((m) => [m.graph.root, m.use])) } }));
  else io.stdout(models.map((m) => `${m.id} (${m.use})\n${formatLineageText(m.graph)}`).join("\n"));
  const ok = models.every((m) => m.graph.complete && m.graph.cycles.length === 0);
  io.setExitCode(ok ? EXIT_OK : EXIT_VIOLATIONS);
}

export const lineageCommand: CommandModule = {
  register(program: Command, io: CliIO) {
    program
      .command("lineage")
      .description("print the base-model lineage of a model (Hub, local release or an app's models) as text, JSON or a Mermaid picture (exit 1 if an ancestor is unverifiable)")
      .argument("[model]", "hf:org/name[@revision], a release folder, its omrl.json, or a .safetensors/.gguf file")
      .option("--manifest <file>", "every model of an app manifest (omrl.app.json) instead of one model")
      .addOption(formatOption(["text", "json", "mermaid"]))
      .option("--depth <n>", "how many generations to follow", "8")
      .option("--hub-url <url>", "Hub base URL (default: $HF_ENDPOINT or https://huggingface.co)")
      .option("--offline", "answer from the cache only (also HF_HUB_OFFLINE=1)")
      .option("--no-cache", "do not read or write the on-disk cache")
      .addOption(new Option("--cache-dir <dir>", "cache folder (default: $OMRL_CACHE_DIR/hub, $XDG_CACHE_HOME/omrl/hub or ~/.cache/omrl/hub)"))
      .action((target: string | undefined, options: LineageOptions) => run(target, options, io));
  },
};
