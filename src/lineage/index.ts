export { resolveLineage, type ResolveLineageParameters, type ResolveLineageReturnType } from "./resolve-lineage.js";
export { formatLineageText } from "./format-lineage-text.js";
export { formatLineageMermaid, type FormatLineageMermaidParameters } from "./format-lineage-mermaid.js";
export { mermaidLabel } from "./mermaid-text.js";
export { inferBaseModelRelation } from "./infer-base-model-relation.js";
export { readCardLineageFields, type CardLineageFields } from "./read-card-front-matter.js";
export { BASE_MODEL_RELATIONS, type BaseModelRelation, type LineageEdge, type LineageGraph, type LineageNode } from "./types.js";
