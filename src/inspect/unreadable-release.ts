import type { DigestMode, ModelRelease } from "./types.js";

/** Source-read reasons that make a release unverifiable (as opposed to a usage error such as a malformed spec). */
export const UNVERIFIABLE_OPEN_REASONS: ReadonlySet<string> = new Set(["gated", "unauthorized", "network", "offline", "too-large"]);

/**
 * The release of a source that could not even be opened (a gated or private Hub repo, the network
 * down): nothing listed, one `unreadable` entry — so every report says `unverifiable`, with the reason.
 *
 * @example
 * const release = unreadableRelease({ kind: "hub", id: "hf:acme/gated" }, { reason: "gated", message: "gated, access required" });
 */
export function unreadableRelease(
  source: { kind: string; id: string; revision?: string | undefined },
  failure: { reason: string; message: string },
  digests: DigestMode = "all",
): ModelRelease {
  return {
    source: { ...source },
    files: [],
    listed: false,
    textFiles: [],
    artifacts: [],
    unreadable: [{ what: "listing", reason: failure.reason, message: failure.message }],
    options: { digests },
  };
}
