import type { BaseModelRelation } from "./types.js";

/**
 * The relation of a model to its bases when its card does not state `base_model_relation`, the way
 * the Hub infers it from the repo's files and metadata: an adapter if the repo has
 * `adapter_config.json` (PEFT); a merge if it names several bases; quantized if it ships GGUF
 * (or other quantized formats: EXL2/AWQ/GPTQ files); otherwise a fine-tune.
 *
 * @example
 * inferBaseModelRelation({ paths: ["adapter_config.json"], baseModelCount: 1 }) // "adapter"
 */
export function inferBaseModelRelation(parameters: { paths: readonly string[]; baseModelCount: number }): BaseModelRelation {
  const names = parameters.paths.map((p) => p.toLowerCase());
  if (names.some((p) => p === "adapter_config.json" || p.endsWith("/adapter_config.json"))) return "adapter";
  if (parameters.baseModelCount > 1) return "merge";
  if (names.some((p) => p.endsWith(".gguf") || p.endsWith(".ggml") || /(^|\/)(quantize_config|quant_config)\.json$/.test(p) || /\.exl2\b/.test(p))) {
    return "quantized";
  }
  return "finetune";
}
