import type { LineageGraph, LineageNode } from "./types.js";

/**
 * The lineage as a text tree, root first; a shared ancestor is printed once and referred to after.
 *
 * @example
 * formatLineageText(graph)
 * // acme/leaf@1a2b3c4  license: other (omrl-1.0)
 * // └── adapter → acme/mid@5d6e7f8  license: other (omrl-1.0)
 */
export function formatLineageText(graph: LineageGraph): string {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const lines: string[] = [];
  const printed = new Set<string>();
  const describe = (node: LineageNode): string => {
    const parts = [node.commit ? `${node.id}@${node.commit.slice(0, 7)}` : node.id];
    if (node.error) parts.push(`UNVERIFIABLE (${node.error.reason}): ${node.error.message}`);
    else if (node.truncated) parts.push(`not followed: past depth ${graph.maxDepth}`);
    else {
      parts.push(`license: ${node.license ?? "none"}${node.licenseName ? ` (${node.licenseName})` : ""}`);
      if (node.gated) parts.push(`gated: ${node.gated}`);
      if (node.baseModelsFrom === "gguf") parts.push("bases from GGUF metadata");
    }
    return parts.join("  ");
  };
  const walk = (id: string, prefix: string) => {
    const children = graph.edges.filter((e) => e.from === id);
    children.forEach((edge, i) => {
      const last = i === children.length - 1;
      const branch = `${prefix}${last ? "└── " : "├── "}${edge.relation}${edge.inferred ? "?" : ""} → `;
      const node = byId.get(edge.to)!;
      if (edge.cycle) lines.push(`${branch}${edge.to}  ↺ cycle`);
      else if (printed.has(edge.to)) lines.push(`${branch}${edge.to}  (shared ancestor, see above)`);
      else {
        printed.add(edge.to);
        lines.push(`${branch}${describe(node)}`);
        for (const w of node.warnings) lines.push(`${prefix}${last ? "    " : "│   "}  warning: ${w}`);
        walk(edge.to, `${prefix}${last ? "    " : "│   "}`);
      }
    });
  };
  const root = byId.get(graph.root)!;
  printed.add(root.id);
  lines.push(describe(root));
  for (const w of root.warnings) lines.push(`  warning: ${w}`);
  walk(root.id, "");
  const unverifiable = graph.nodes.filter((n) => n.error).length;
  const truncated = graph.nodes.filter((n) => n.truncated).length;
  const summary = [`${graph.nodes.length} model${graph.nodes.length === 1 ? "" : "s"}`];
  if (unverifiable) summary.push(`${unverifiable} unverifiable`);
  if (truncated) summary.push(`${truncated} past the depth limit`);
  if (graph.cycles.length) summary.push(`${graph.cycles.length} cycle${graph.cycles.length === 1 ? "" : "s"}: ${graph.cycles.map((c) => c.join(" → ")).join("; ")}`);
  lines.push("", `${summary.join(", ")}. (? = relation inferred, not stated in the card)`);
  return `${lines.join("\n")}\n`;
}
