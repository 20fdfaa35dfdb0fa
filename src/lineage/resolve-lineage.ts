import { pickGgufLicenseFields, readGgufMetadata } from "../artifacts/index.js";
import { InvalidInputError } from "../errors.js";
import { SourceReadError, type ModelSource } from "../sources/index.js";
import { isHubRepoId, parseHubSpec, repoIdFromHubUrl } from "../sources/hub/index.js";
import { inferBaseModelRelation } from "./infer-base-model-relation.js";
import { readCardLineageFields } from "./read-card-front-matter.js";
import { BASE_MODEL_RELATIONS, type BaseModelRelation, type LineageEdge, type LineageGraph, type LineageNode } from "./types.js";

export type ResolveLineageParameters = {
  /** Opens `hf:org/name[@rev]` — typically `createHubSourceOpener({ hubUrl, cache, … })`. */
  openSource: (spec: string) => Promise<ModelSource>;
  /** How many generations above the root to open (default 8). */
  maxDepth?: number | undefined;
  /**
   * The root's node id when `spec` is not a Hub spec (a local release folder): `openSource` is then
   * called with `spec` as given for the root, and with `hf:org/name` for every base.
   */
  rootId?: string | undefined;
};

export type ResolveLineageReturnType = LineageGraph;

/**
 * Walks `base_model` from repo to repo: reads each model card's front matter (`base_model`,
 * `base_model_relation`, `license`, `license_name`), falls back to GGUF
 * `general.base_model.N.repo_url` when the card names no base, infers the relation when the card
 * does not state it, stops at `maxDepth`, and detects cycles. An ancestor that cannot be read
 * (gated, missing, private) becomes a node with an `error`, not a failure of the walk; only an
 * invalid root spec throws.
 *
 * @example
 * const graph = await resolveLineage("hf:acme/llm", { openSource: createHubSourceOpener({ cache }) });
 * graph.nodes.map((n) => `${n.id} ${n.relation ?? "root"} ${n.license}`);
 */
export async function resolveLineage(spec: string, parameters: ResolveLineageParameters): Promise<ResolveLineageReturnType> {
  const maxDepth = parameters.maxDepth ?? 8;
  if (!Number.isInteger(maxDepth) || maxDepth < 0 || maxDepth > 64) {
    throw new InvalidInputError(`depth must be an integer from 0 to 64, got ${maxDepth}`);
  }
  const rootRepo = parameters.rootId ?? parseHubSpec(spec).repo;
  const nodes = new Map<string, LineageNode>();
  const edges: LineageEdge[] = [];
  const cycles: string[][] = [];
  /** The path from the root by which each node was first reached (for cycle detection). */
  const paths = new Map<string, string[]>();

  type Pending = { id: string; spec: string; depth: number; relation?: BaseModelRelation; inferred?: boolean };
  let level: Pending[] = [{ id: rootRepo, spec, depth: 0 }];
  nodes.set(rootRepo, { id: rootRepo, repo: rootRepo, depth: 0, baseModels: [], warnings: [] });
  paths.set(rootRepo, [rootRepo]);

  while (level.length > 0) {
    const next: Pending[] = [];
    const results = await Promise.all(level.map((item) => visit(item.spec, parameters.openSource)));
    level.forEach((item, i) => {
      const node = nodes.get(item.id)!;
      const { baseRelation = "finetune", baseRelationInferred = true, ...fields } = results[i]!;
      Object.assign(node, fields);
      const path = paths.get(item.id)!;
      for (const baseId of node.baseModels) {
        const edge: LineageEdge = { from: node.id, to: baseId, relation: baseRelation, inferred: baseRelationInferred };
        if (path.includes(baseId)) {
          edge.cycle = true;
          cycles.push([...path.slice(path.indexOf(baseId)), baseId]);
          edges.push(edge);
          continue;
        }
        edges.push(edge);
        if (nodes.has(baseId)) continue; // reached before by another path: a shared ancestor
        const depth = item.depth + 1;
        const child: LineageNode = { id: baseId, repo: baseId, depth, relation: edge.relation, relationInferred: edge.inferred, baseModels: [], warnings: [] };
        nodes.set(baseId, child);
        paths.set(baseId, [...path, baseId]);
        if (depth > maxDepth) child.truncated = true;
        else next.push({ id: baseId, spec: `hf:${baseId}`, depth });
      }
    });
    level = next;
  }

  const list = [...nodes.values()];
  return {
    root: rootRepo,
    nodes: list,
    edges,
    cycles,
    maxDepth,
    complete: list.every((n) => !n.error && !n.truncated),
  };
}

type Visited = Partial<LineageNode> & { baseModels: string[]; warnings: string[]; baseRelation?: BaseModelRelation; baseRelationInferred?: boolean };

async function visit(spec: string, openSource: (spec: string) => Promise<ModelSource>): Promise<Visited> {
  const warnings: string[] = [];
  let source: ModelSource;
  try {
    source = await openSource(spec);
  } catch (error) {
    if (error instanceof SourceReadError) return { baseModels: [], warnings, error: { reason: error.reason, message: error.shortMessage } };
    throw error;
  }
  const out: Visited = { baseModels: [], warnings, commit: source.revision };
  const gated = (source as { gated?: false | "auto" | "manual" }).gated;
  if (gated !== undefined) out.gated = gated;
  try {
    const files = await source.listFiles();
    const card = readCardLineageFields(await source.readText("README.md", { maxBytes: 1024 * 1024 }));
    warnings.push(...card.warnings);
    out.license = card.license;
    out.licenseName = card.licenseName;
    let named = card.baseModels;
    if (named.length > 0) out.baseModelsFrom = "card";
    const ggufs = files.filter((f) => f.path.toLowerCase().endsWith(".gguf")).sort((a, b) => (a.path < b.path ? -1 : 1));
    if (named.length === 0 && ggufs[0]) {
      try {
        const metadata = await readGgufMetadata(source, ggufs[0].path, { fileSize: ggufs[0].size });
        const fields = pickGgufLicenseFields(metadata.kv);
        out.license ??= fields.license;
        out.licenseName ??= fields.licenseName;
        named = fields.baseModels.map((b) => (typeof b.repo_url === "string" ? b.repo_url : "")).filter((u) => u !== "");
        if (named.length > 0) out.baseModelsFrom = "gguf";
      } catch (error) {
        if (error instanceof SourceReadError && ["gated", "unauthorized", "network", "offline"].includes(error.reason)) throw error;
        warnings.push(`could not read GGUF metadata of ${ggufs[0].path}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
      }
    }
    for (const name of named) {
      const id = repoIdFromHubUrl(name.replace(/^hf:/, ""));
      if (!id) warnings.push(`base model "${name}" is not a Hub repo id; not followed`);
      else if (!out.baseModels.includes(id)) out.baseModels.push(id);
    }
    // an OMRL release's terms name its upstream models too (with the relation, when stated)
    const upstream = await readTermsUpstream(source, warnings);
    for (const up of upstream) {
      if (!out.baseModels.includes(up.repo)) out.baseModels.push(up.repo);
      out.baseModelsFrom ??= "terms";
    }
    const stated = card.baseModelRelation ?? upstream.find((u) => u.relation !== undefined)?.relation;
    if (stated !== undefined && (BASE_MODEL_RELATIONS as readonly string[]).includes(stated)) {
      out.baseRelation = stated as BaseModelRelation;
      out.baseRelationInferred = false;
    } else {
      if (stated !== undefined) warnings.push(`base_model_relation "${stated}" is not one of ${BASE_MODEL_RELATIONS.join(", ")}; inferred instead`);
      out.baseRelation = inferBaseModelRelation({ paths: files.map((f) => f.path), baseModelCount: out.baseModels.length });
      out.baseRelationInferred = true;
    }
  } catch (error) {
    if (error instanceof SourceReadError) {
      out.error = { reason: error.reason, message: error.shortMessage };
      out.baseModels = [];
      return out;
    }
    throw error;
  }
  return out;
}

/** `upstream[].repo` (and `relation`) of the release's omrl.json, read leniently: the terms are checked elsewhere. */
async function readTermsUpstream(source: ModelSource, warnings: string[]): Promise<{ repo: string; relation?: string | undefined }[]> {
  const text = await source.readText("omrl.json", { maxBytes: 1024 * 1024 });
  if (text === undefined) return [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    warnings.push("omrl.json is not valid JSON; its upstream models were not followed");
    return [];
  }
  const upstream = (data as { upstream?: unknown })?.upstream;
  if (!Array.isArray(upstream)) return [];
  const out: { repo: string; relation?: string | undefined }[] = [];
  for (const entry of upstream.slice(0, 100)) {
    const repo = (entry as { repo?: unknown })?.repo;
    const relation = (entry as { relation?: unknown })?.relation;
    if (typeof repo === "string" && isHubRepoId(repo)) out.push({ repo, relation: typeof relation === "string" ? relation : undefined });
    else warnings.push(`omrl.json upstream entry is not a Hub repo id: ${JSON.stringify(repo)?.slice(0, 80)}`);
  }
  return out;
}
