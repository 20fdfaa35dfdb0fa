import { defineRule } from "../types.js";
import { termsLocation } from "../shared/release.js";

/** Every listed artifact has the size `omrl.json` records. */
export const artifactSizeMismatch = defineRule({
  meta: { id: "omrl/artifact-size-mismatch", description: "every listed artifact has the size omrl.json records", defaultSeverity: "error", type: "problem" },
  check(release) {
    const artifacts = release.terms?.terms?.model.artifacts ?? [];
    const files = new Map(release.files.map((f) => [f.path, f]));
    return artifacts.flatMap((a, i) => {
      const file = files.get(a.path);
      if (!file || file.size === a.size) return [];
      return [{ message: `${a.path} is ${file.size} bytes; omrl.json records ${a.size}`, ...termsLocation(release, `/model/artifacts/${i}/size`), related: [{ file: a.path, message: `${file.size} bytes` }] }];
    });
  },
});
