/**
 * A store of results of pure functions, keyed by {@link pureCacheKey} (a SHA-256 of an algorithm
 * tag and the function's exact input bytes). Only deterministic functions of their full input are
 * remembered — a recovered signer, a licence-text detection, the hash of a rendered licence —
 * never a verdict that depends on anything else. The core never touches the disk: the Node layer
 * (`createFileResultCache` in `src/node`) injects one with {@link setPureResultCache}.
 *
 * Trust model: whoever can write the cache can make a remembered result say anything, exactly as
 * whoever can write the digest cache can make a file's sha256 say anything; both live in the
 * user's cache folder (`docs/digests.md#result-cache`).
 */
export type PureResultCache = {
  /** The value stored under `key`, or undefined. Synchronous: the store is loaded before use. */
  get(key: string): string | undefined;
  /** Remembers `value` under `key` (the store bounds its own size). */
  set(key: string, value: string): void;
  /**
   * SHA-256 of the concatenated frames (`pureCacheKey` frames the key input), as 64 hex digits. The
   * store brings the hash so the core carries no hashing library for it: in Node `createHash`
   * (`FileResultCache` does), elsewhere e.g. `@noble/hashes`' `sha256`.
   */
  sha256Frames(frames: readonly (string | Uint8Array)[]): string;
};

let current: PureResultCache | undefined;

/**
 * Installs the process-wide result cache (undefined: none). The CLI installs its file cache for
 * `check` and `verify`; a library caller may install its own.
 *
 * @example
 * const cache = new Map<string, string>();
 * setPureResultCache({
 *   get: (k) => cache.get(k),
 *   set: (k, v) => void cache.set(k, v),
 *   sha256Frames: (frames) => { const h = createHash("sha256"); for (const f of frames) h.update(f); return h.digest("hex"); },
 * });
 */
export function setPureResultCache(cache: PureResultCache | undefined): void {
  current = cache;
}

/** The installed result cache, if any. */
export function getPureResultCache(): PureResultCache | undefined {
  return current;
}
