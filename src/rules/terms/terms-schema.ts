import { defineRule } from "../types.js";
import { termsLocation } from "../shared/release.js";

/** `omrl.json` is valid JSON and matches the OMRL 1.0 JSON Schema. */
export const termsSchema = defineRule({
  meta: { id: "omrl/terms-schema", description: "omrl.json is valid JSON and matches the OMRL 1.0 JSON Schema", defaultSeverity: "error", type: "problem" },
  check(release) {
    const issues = release.terms?.issues.filter((i) => !i.code.startsWith("semantic/")) ?? [];
    return issues.map((i) => ({ message: `${i.pointer || "/"}: ${i.message} [${i.code}]`, ...termsLocation(release, i.pointer) }));
  },
});
