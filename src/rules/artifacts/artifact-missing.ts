import { defineRule } from "../types.js";
import { termsLocation } from "../shared/release.js";

/** Every artifact `omrl.json` lists exists in the release. */
export const artifactMissing = defineRule({
  meta: { id: "omrl/artifact-missing", description: "every artifact omrl.json lists exists in the release", defaultSeverity: "error", type: "problem" },
  check(release) {
    const artifacts = release.terms?.terms?.model.artifacts;
    if (!artifacts || !release.listed) return [];
    const present = new Set(release.files.map((f) => f.path));
    return artifacts.flatMap((a, i) =>
      present.has(a.path) ? [] : [{ message: `${a.path} is listed in omrl.json but not in the release`, ...termsLocation(release, `/model/artifacts/${i}/path`) }],
    );
  },
});
