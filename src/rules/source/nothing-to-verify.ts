import { defineRule } from "../types.js";

/**
 * A release folder or repo holds something to verify: terms (`omrl.json`), a model card or
 * weights. An empty folder, a wrong path or a repo with only a `.gitattributes` is never
 * "compliant": nothing in it says under which licence anything is released.
 */
export const sourceNothingToVerify = defineRule({
  meta: {
    id: "source/nothing-to-verify",
    description: "the release has terms, a model card or weights (an empty or wrong folder is not compliant)",
    defaultSeverity: "error",
    type: "problem",
  },
  check(release) {
    if (!release.listed || release.source.kind === "file") return [];
    if (release.terms || release.card || release.artifacts.length > 0) return [];
    if (release.unreadable.some((u) => u.what === "card" || u.what === "terms")) return [];
    const count = release.files.length;
    return [
      {
        message:
          count === 0
            ? `${release.source.id} is empty: no omrl.json, no model card (README.md) and no weights — is this the release folder?`
            : `${release.source.id} has ${count} file${count === 1 ? "" : "s"} but no omrl.json, no model card (README.md) and no weights — is this the release folder?`,
      },
    ];
  },
});
