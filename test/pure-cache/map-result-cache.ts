import { createHash } from "node:crypto";
import type { PureResultCache } from "../../src/pure-cache/index.js";

/** SHA-256 of frames by node:crypto (what FileResultCache does). */
export const nodeSha256Frames = (frames: readonly (string | Uint8Array)[]): string => {
  const h = createHash("sha256");
  for (const frame of frames) h.update(frame);
  return h.digest("hex");
};

/** A result cache in a Map, for tests: the entries can be read and tampered with. */
export function mapResultCache(): PureResultCache & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return { entries, get: (key) => entries.get(key), set: (key, value) => void entries.set(key, value), sha256Frames: nodeSha256Frames };
}
