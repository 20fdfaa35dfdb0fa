import { appendFileSync } from "node:fs";
import { register } from "node:module";

register("./record-loads-hooks.mjs", import.meta.url);

// Node's own modules loaded lazily (undici behind `fetch`/`Headers`/`Response`, for one) never
// reach the hooks: list them at exit as `internal:<id>` lines.
process.on("exit", () => {
  if (!process.env.OMRL_RECORD_LOADS) return;
  const internal = process.moduleLoadList.filter((entry) => entry.startsWith("NativeModule ")).map((entry) => `internal:${entry.slice(13)}`);
  appendFileSync(process.env.OMRL_RECORD_LOADS, `${internal.join("\n")}\n`);
});
