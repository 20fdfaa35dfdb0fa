import { defineRule } from "../types.js";
import { embeddedLicense } from "../shared/release.js";

/** A stamped artifact's `omrl.terms_core_sha256` is the terms core hash of the release's terms. */
export const stampOutdated = defineRule({
  meta: { id: "artifacts/stamp-outdated", description: "the omrl.terms_core_sha256 stamped into weights equals the terms core hash", defaultSeverity: "error", type: "problem" },
  check(release) {
    const core = release.terms?.termsCoreHash;
    return release.artifacts.flatMap((artifact) => {
      const stamped = embeddedLicense(artifact)?.termsCoreHash;
      if (stamped === undefined) return [];
      if (!core) return release.terms || release.source.kind === "file" ? [] : [{ message: `${artifact.path} is stamped with terms core hash ${stamped} but the release has no omrl.json`, file: artifact.path }];
      if (stamped.toLowerCase() === core) return [];
      return [{ message: `${artifact.path} is stamped with terms core hash ${stamped}, but omrl.json's is ${core}: the terms changed after stamping (run \`omrl tag --stamp\`, then \`omrl sign\`)`, file: artifact.path, related: [{ file: "omrl.json", message: `terms core hash ${core}` }] }];
    });
  },
});
