import { defineRule } from "../types.js";

/** Every shard a `*.safetensors.index.json` names exists in the release. */
export const indexShardMissing = defineRule({
  meta: { id: "artifacts/index-shard-missing", description: "every shard a *.safetensors.index.json names exists", defaultSeverity: "error", type: "problem" },
  check(release) {
    if (!release.listed) return [];
    const present = new Set(release.files.map((f) => f.path));
    return release.artifacts.flatMap((a) =>
      (a.index?.shards ?? []).filter((s) => !present.has(s)).map((s) => ({ message: `${a.path} names the shard ${s}, which is not in the release`, file: a.path })),
    );
  },
});
