import { defineRule } from "../types.js";

/** A weights file or index that cannot be parsed: truncated, hostile or not what its name says. */
export const artifactUnreadable = defineRule({
  meta: { id: "artifacts/unreadable", description: "every safetensors / GGUF header and sharded index parses, within bounds", defaultSeverity: "error", type: "problem" },
  check(release) {
    return release.artifacts
      .filter((a) => a.error)
      .map((a) => ({ message: `${a.path} cannot be read as ${a.format} (${a.error!.reason}): ${a.error!.message.replace(`${a.path} @ `, "").replace(`${a.path}: `, "")}`, file: a.path }));
  },
});
