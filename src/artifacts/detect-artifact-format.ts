import type { ModelSource } from "../sources/index.js";
import { GGUF_MAGIC } from "./gguf-constants.js";

export type ArtifactFormat = "safetensors" | "gguf";

/**
 * Which weights format `path` holds: by extension (`.safetensors`, `.gguf`), else by content
 * (the `GGUF` magic; a safetensors length prefix followed by `{`). `undefined` for anything else.
 *
 * @example
 * await detectArtifactFormat(source, "model.bin"); // "safetensors" if the bytes say so
 */
export async function detectArtifactFormat(source: ModelSource, path: string): Promise<ArtifactFormat | undefined> {
  const lower = path.toLowerCase();
  if (lower.endsWith(".safetensors")) return "safetensors";
  if (lower.endsWith(".gguf")) return "gguf";
  const head = await source.readRange(path, 0, 9);
  if (head.length >= 4 && GGUF_MAGIC.every((byte, i) => head[i] === byte)) return "gguf";
  if (head.length === 9 && head[8] === 0x7b) return "safetensors";
  return undefined;
}
