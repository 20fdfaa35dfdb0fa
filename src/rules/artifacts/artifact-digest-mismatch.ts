import { defineRule } from "../types.js";
import { termsLocation } from "../shared/release.js";

/** Every listed artifact has the sha256 `omrl.json` records. */
export const artifactDigestMismatch = defineRule({
  meta: { id: "omrl/artifact-digest-mismatch", description: "every listed artifact has the sha256 omrl.json records", defaultSeverity: "error", type: "problem" },
  check(release) {
    const artifacts = release.terms?.terms?.model.artifacts ?? [];
    const files = new Map(release.files.map((f) => [f.path, f]));
    return artifacts.flatMap((a, i) => {
      const file = files.get(a.path);
      // size first: a different size already says the file changed
      if (!file || file.size !== a.size || file.sha256 === undefined || file.sha256 === a.sha256.toLowerCase()) return [];
      return [
        {
          message: `${a.path} has sha256 ${file.sha256}; omrl.json records ${a.sha256} (the file changed after the terms were written: run \`omrl tag\` and \`omrl sign\` again)`,
          ...termsLocation(release, `/model/artifacts/${i}/sha256`),
          related: [{ file: a.path, message: `sha256 ${file.sha256}` }],
        },
      ];
    });
  },
});
