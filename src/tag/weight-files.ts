/**
 * The files `omrl tag` records in `model.artifacts` by default: weights in every common format,
 * and the safetensors shard index (a loader reads it first to find which shard holds which
 * tensor, so swapping it changes the model that loads). Config and tokenizer files are left out:
 * the terms identify the weights, the card and `LICENSE.md` describe the rest.
 */
export const DEFAULT_WEIGHT_GLOBS: readonly string[] = [
  "**/*.safetensors",
  "**/*.safetensors.index.json",
  "**/*.gguf",
  "**/*.bin",
  "**/*.pt",
  "**/*.pth",
  "**/*.onnx",
];

/** Whether `omrl tag --stamp` writes the licence into this file (safetensors and GGUF carry metadata). */
export function stampableFormat(path: string): "safetensors" | "gguf" | undefined {
  if (path.endsWith(".safetensors")) return "safetensors";
  if (path.endsWith(".gguf")) return "gguf";
  return undefined;
}
