import { mermaidLabel } from "./mermaid-text.js";
import type { LineageGraph, LineageNode } from "./types.js";

export type FormatLineageMermaidParameters = {
  /**
   * An app that uses the graphs' roots (`omrl lineage --manifest`): drawn as the first node, with an
   * edge to each root labelled with how the app uses it.
   */
  app?: { name: string; uses: Record<string, string> } | undefined;
};

/**
 * The lineage as a Mermaid flowchart (renders in GitHub comments, job summaries and docs): each
 * model once, an edge from a model to each of its bases labelled with the relation (`?` when
 * inferred), unverifiable models in red with the reason, models past the depth limit dashed, cycle
 * edges dotted. Several graphs (an app's models) share nodes for shared ancestors.
 *
 * @example
 * formatLineageMermaid(graph)
 * // flowchart TD
 * //   n0["acme/leaf@1a2b3c4<br/>other (omrl-1.0)"]
 * //   n0 -->|adapter| n1
 */
export function formatLineageMermaid(graphs: LineageGraph | readonly LineageGraph[], parameters: FormatLineageMermaidParameters = {}): string {
  const list = Array.isArray(graphs) ? (graphs as readonly LineageGraph[]) : [graphs as LineageGraph];
  const ids = new Map<string, string>();
  const lines = ["flowchart TD"];
  const classes: Record<"unverifiable" | "truncated" | "root", string[]> = { unverifiable: [], truncated: [], root: [] };
  const idOf = (nodeId: string) => {
    let id = ids.get(nodeId);
    if (id === undefined) ids.set(nodeId, (id = `n${ids.size}`));
    return id;
  };
  const describe = (node: LineageNode, maxDepth: number): string => {
    const parts = [node.commit ? `${node.id}@${node.commit.slice(0, 7)}` : node.id];
    if (node.error) parts.push(`unverifiable: ${node.error.reason}`);
    else if (node.truncated) parts.push(`not followed (past depth ${maxDepth})`);
    else parts.push(node.license ? `${node.license}${node.licenseName ? ` (${node.licenseName})` : ""}` : "no licence found");
    return parts.map(mermaidLabel).join("<br/>");
  };
  const drawn = new Set<string>();
  const edges = new Set<string>();
  if (parameters.app) lines.push(`  app(["${mermaidLabel(parameters.app.name)}"])`);
  for (const graph of list) {
    for (const node of graph.nodes) {
      if (drawn.has(node.id)) continue;
      drawn.add(node.id);
      const id = idOf(node.id);
      lines.push(`  ${id}["${describe(node, graph.maxDepth)}"]`);
      if (node.error) classes.unverifiable.push(id);
      else if (node.truncated) classes.truncated.push(id);
      if (node.id === graph.root) classes.root.push(id);
    }
  }
  if (parameters.app)
    for (const graph of list) lines.push(`  app -->|"${mermaidLabel(parameters.app.uses[graph.root] ?? "uses")}"| ${idOf(graph.root)}`);
  for (const graph of list)
    for (const edge of graph.edges) {
      const key = `${edge.from}\u0000${edge.to}`;
      if (edges.has(key)) continue;
      edges.add(key);
      const label = mermaidLabel(`${edge.relation}${edge.inferred ? "?" : ""}${edge.cycle ? " (cycle)" : ""}`);
      lines.push(`  ${idOf(edge.from)} ${edge.cycle ? "-.->" : "-->"}|"${label}"| ${idOf(edge.to)}`);
    }
  lines.push("  classDef root stroke-width:3px");
  lines.push("  classDef unverifiable fill:#fdd,stroke:#c00,color:#600");
  lines.push("  classDef truncated stroke-dasharray:5 5,color:#666");
  for (const [name, members] of Object.entries(classes)) if (members.length > 0) lines.push(`  class ${members.join(",")} ${name}`);
  return `${lines.join("\n")}\n`;
}
