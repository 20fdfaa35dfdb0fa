import { openFileResultCache } from "../../node/index.js";
import { setPureResultCache } from "../../pure-cache/index.js";

/**
 * Runs a command with the on-disk result cache installed (recovered signers, licence-text
 * detections, rendered-licence fingerprints; beside the digest cache, `OMRL_NO_CACHE=1` turns it
 * off), saves what it learnt, and uninstalls it.
 *
 * @example
 * await withResultCache(io.env, () => runCheck(options, io));
 */
export async function withResultCache<T>(env: Record<string, string | undefined>, run: () => Promise<T>): Promise<T> {
  const cache = await openFileResultCache({ env });
  setPureResultCache(cache);
  try {
    return await run();
  } finally {
    setPureResultCache(undefined);
    await cache?.save();
  }
}
