import { createHash } from "node:crypto";
import type { Sha256Factory } from "../weights-digest.js";

/**
 * `node:crypto`'s sha256 as a `Sha256Factory` for `weightsDigest` / `hashRange` — about 6× the
 * throughput of the portable default on this project's machine (see BENCHMARKS.md).
 *
 * @example
 * await weightsDigest(source, "model.safetensors", { createHash: nodeSha256 });
 */
export const nodeSha256: Sha256Factory = () => {
  const hash = createHash("sha256");
  return {
    update: (bytes: Uint8Array) => hash.update(bytes),
    digest: () => new Uint8Array(hash.digest()),
  };
};
