import type { AppContext } from "../../app/index.js";
import type { LineageGraph, LineageNode } from "../../lineage/index.js";

/**
 * The lineages `omrl check` resolved, as lineage graphs (one per app model), so the check's
 * Markdown report can draw them with `formatLineageMermaid`. Licences are the SPDX expressions
 * the check evaluated; a model or ancestor that could not be read carries its reason.
 */
export function appLineageGraphs(context: AppContext): LineageGraph[] {
  return context.models.map((model) => {
    const rootId = model.repo ?? model.id;
    const problem = model.unverifiable[0];
    const root: LineageNode = {
      id: rootId,
      repo: rootId,
      commit: model.resolvedRevision ?? undefined,
      license: model.license ?? undefined,
      depth: 0,
      baseModels: model.lineage.filter((a) => a.child === model.id).map((a) => a.repo),
      warnings: [],
      error: problem && model.license === null ? problem : undefined,
    };
    const nodes: LineageNode[] = [root];
    for (const a of model.lineage)
      nodes.push({
        id: a.repo,
        repo: a.repo,
        commit: a.revision ?? undefined,
        license: a.license ?? undefined,
        relation: a.relation,
        depth: a.depth,
        baseModels: model.lineage.filter((b) => b.child === a.repo).map((b) => b.repo),
        warnings: [],
        error: a.unverifiable && a.unverifiable.reason !== "depth" ? a.unverifiable : undefined,
        truncated: a.unverifiable?.reason === "depth" ? true : undefined,
      });
    const edges = model.lineage.map((a) => ({ from: a.child === model.id ? rootId : a.child, to: a.repo, relation: a.relation, inferred: false }));
    return { root: rootId, nodes, edges, cycles: [], maxDepth: Math.max(0, ...model.lineage.map((a) => a.depth)), complete: nodes.every((n) => !n.error && !n.truncated) };
  });
}
