/**
 * Where a Hub source keeps what it read at an immutable commit: the file listing, small files and
 * header byte ranges. Keys are `/`-separated (`<host>/models/<org>/<name>/<commit>/tree.json`).
 * The core ships an in-memory cache; `omrl/node` has an on-disk one (`createFileHubCache`).
 * A cache must never throw on `get` for a missing key (return undefined).
 */
export type HubCache = {
  get(key: string): Promise<Uint8Array | undefined>;
  set(key: string, value: Uint8Array): Promise<void>;
};

/**
 * An in-memory `HubCache`, for browsers and tests.
 *
 * @example
 * const cache = createMemoryHubCache();
 * const source = await openHubSource("hf:acme/llm@main", { cache });
 */
export function createMemoryHubCache(): HubCache & { readonly size: number } {
  const map = new Map<string, Uint8Array>();
  return {
    get size() {
      return map.size;
    },
    async get(key) {
      return map.get(key);
    },
    async set(key, value) {
      map.set(key, value);
    },
  };
}
