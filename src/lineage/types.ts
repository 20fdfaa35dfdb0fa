/** How a model derives from its base, in the Hub's vocabulary (`base_model_relation`). */
export type BaseModelRelation = "finetune" | "adapter" | "quantized" | "merge";

export const BASE_MODEL_RELATIONS: readonly BaseModelRelation[] = ["finetune", "adapter", "quantized", "merge"];

export type LineageNode = {
  /** The repo id: `org/name`. One node per repo. */
  id: string;
  repo: string;
  /** The commit the node was read at (absent when it could not be opened or lies past the depth limit). */
  commit?: string | undefined;
  /** `license` from the card (a Hub licence id), or `general.license` from GGUF when the card has none. */
  license?: string | undefined;
  /** `license_name` from the card (`omrl-1.0` for OMRL models). */
  licenseName?: string | undefined;
  /** How the child that first reached this node derives from it; undefined for the root. */
  relation?: BaseModelRelation | undefined;
  /** Whether `relation` was stated in the child's card or inferred. */
  relationInferred?: boolean | undefined;
  /** 0 for the root, 1 for its bases, … */
  depth: number;
  /** Where this node's own base models were found. */
  baseModelsFrom?: "card" | "gguf" | "terms" | undefined;
  /** Repo ids this node names as bases. */
  baseModels: string[];
  gated?: false | "auto" | "manual" | undefined;
  /** Why the node could not be read: `gated`, `unauthorized`, `missing`, `network`, `offline`, `invalid`… */
  error?: { reason: string; message: string } | undefined;
  /** Past the depth limit: named by its child but not opened. */
  truncated?: boolean | undefined;
  /** Things worth knowing that did not stop the walk (an unreadable base_model entry, a bad relation). */
  warnings: string[];
};

export type LineageEdge = {
  /** The derived model. */
  from: string;
  /** Its base. */
  to: string;
  relation: BaseModelRelation;
  inferred: boolean;
  /** This edge closes a cycle (the base is already on the path from the root). */
  cycle?: true | undefined;
};

export type LineageGraph = {
  /** The root node id (its repo id). */
  root: string;
  /** In breadth-first order from the root. */
  nodes: LineageNode[];
  edges: LineageEdge[];
  /** Each cycle found, as the repo ids along it, first repeated at the end. */
  cycles: string[][];
  maxDepth: number;
  /** Every node was read and nothing was cut off by the depth limit. */
  complete: boolean;
};
