import { defineRule } from "../types.js";

const WHAT: Record<string, string> = {
  listing: "the file listing",
  card: "the model card",
  terms: "omrl.json",
  "license-file": "a licence file",
  header: "a weights header",
  index: "a sharded index",
  digest: "a sha256 digest",
};

/** Everything the checks needed could be read; what could not is reported, never passed. */
export const sourceUnverifiable = defineRule({
  meta: { id: "source/unverifiable", description: "every file the checks need could be read (gated, private, network, too large → unverifiable)", defaultSeverity: "error", type: "problem" },
  check(release) {
    return release.unreadable.map((u) => ({
      message: `unverifiable: could not read ${WHAT[u.what] ?? u.what}${u.path ? ` (${u.path})` : ""} — ${u.reason}: ${u.message}`,
      file: u.path,
    }));
  },
});
