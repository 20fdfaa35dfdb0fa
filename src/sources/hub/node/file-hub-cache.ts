import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { resolveDigestCacheDir, writeFileAtomic } from "../../../node/index.js";
import type { HubCache } from "../hub-cache.js";

/**
 * The default Hub cache folder: `$OMRL_CACHE_DIR/hub`, else `$XDG_CACHE_HOME/omrl/hub`, else
 * `~/.cache/omrl/hub`.
 */
export function defaultHubCacheDir(env: Record<string, string | undefined> = process.env): string {
  // the same omrl cache root as the digest cache
  return join(resolveDigestCacheDir({ env }), "hub");
}

/**
 * An on-disk `HubCache`: one file per key under `dir`, written atomically. Entries are keyed by
 * repo@commit and never change, so there is no expiry; delete the folder to reclaim space.
 *
 * @example
 * const cache = createFileHubCache({ dir: defaultHubCacheDir() });
 * const source = await openHubSource("hf:acme/llm@3f2c…", { cache }); // second time: no request
 */
export function createFileHubCache(parameters: { dir?: string } = {}): HubCache & { readonly dir: string } {
  const dir = parameters.dir ?? defaultHubCacheDir();
  const pathOf = (key: string) => join(dir, ...key.split("/").map(safeSegment));
  return {
    dir,
    async get(key) {
      try {
        return new Uint8Array(await readFile(pathOf(key)));
      } catch {
        return undefined;
      }
    },
    async set(key, value) {
      await writeFileAtomic(pathOf(key), value);
    },
  };
}

/** One path segment of a key, made safe for any file system: no `..`, no separators, no drive letters. */
function safeSegment(segment: string): string {
  if (segment === "" || segment === "." || segment === "..") return `%${segment.length}`;
  return segment.replace(/[^A-Za-z0-9._@=+-]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}
