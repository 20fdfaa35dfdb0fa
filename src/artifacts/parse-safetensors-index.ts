import { ArtifactParseError } from "./errors.js";

/** Index files for the largest public models hold tens of thousands of entries; this is far above. */
export const SAFETENSORS_INDEX_MAX_ENTRIES = 1_000_000;
/** Text above this is refused before `JSON.parse` allocates for it. */
export const SAFETENSORS_INDEX_MAX_BYTES = 64 * 1024 * 1024;

export type SafetensorsIndex = {
  /** The index's `metadata` object (typically `{ total_size }`), as found; `{}` when absent. */
  metadata: Record<string, unknown>;
  /** `metadata.total_size` when it is a non-negative integer. */
  totalSize?: number | undefined;
  /** Tensor name → shard file (relative to the index file's folder). */
  weightMap: Record<string, string>;
  /** The distinct shard files, in first-seen order. */
  shards: string[];
};

export type ParseSafetensorsIndexParameters = {
  /** The index's path, for error messages. */
  path?: string | undefined;
};

/**
 * Parses a sharded checkpoint's `model.safetensors.index.json` (`metadata`, `weight_map`).
 * Bounded: text size and entry count are capped, shard names must be relative paths inside the
 * release (no `..`, no absolute path, no backslash), every value a string.
 *
 * @example
 * const index = parseSafetensorsIndex(await source.readText("model.safetensors.index.json"));
 * index.shards; // ["model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"]
 */
export function parseSafetensorsIndex(text: string, parameters: ParseSafetensorsIndexParameters = {}): SafetensorsIndex {
  const { path } = parameters;
  const fail = (message: string): never => {
    throw new ArtifactParseError(message, { reason: "invalid-index", path });
  };
  if (text.length > SAFETENSORS_INDEX_MAX_BYTES) fail(`Index is ${text.length} characters, above the ${SAFETENSORS_INDEX_MAX_BYTES} limit.`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail(`Index is not valid JSON (${(error as Error).message}).`);
  }
  if (!isPlainObject(json)) return fail("Index is not a JSON object.");
  const metadata = json.metadata === undefined || json.metadata === null ? {} : json.metadata;
  if (!isPlainObject(metadata)) return fail("`metadata` is not an object.");
  const weightMap = json.weight_map;
  if (!isPlainObject(weightMap)) return fail("`weight_map` is missing or not an object.");
  const entries = Object.entries(weightMap);
  if (entries.length > SAFETENSORS_INDEX_MAX_ENTRIES)
    fail(`\`weight_map\` has ${entries.length} entries, above the ${SAFETENSORS_INDEX_MAX_ENTRIES} limit.`);
  const shards = new Set<string>();
  const map: Record<string, string> = {};
  for (const [tensor, shard] of entries) {
    if (typeof shard !== "string") return fail(`\`weight_map["${tensor}"]\` is not a string.`);
    if (!shards.has(shard)) {
      if (!isSafeRelativePath(shard)) return fail(`Shard path ${JSON.stringify(shard)} is not a relative path inside the release.`);
      shards.add(shard);
    }
    map[tensor] = shard;
  }
  const totalSize = metadata.total_size;
  return {
    metadata: { ...metadata },
    totalSize: typeof totalSize === "number" && Number.isSafeInteger(totalSize) && totalSize >= 0 ? totalSize : undefined,
    weightMap: map,
    shards: [...shards],
  };
}

function isSafeRelativePath(path: string): boolean {
  if (path === "" || path.startsWith("/") || path.includes("\\") || path.includes("\0")) return false;
  return path.split("/").every((segment) => segment !== "" && segment !== "." && segment !== "..");
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
