import { createHash } from "node:crypto";
import { readFile, rm, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { PureResultCache } from "../../pure-cache/index.js";
import { resolveDigestCacheDir } from "../digest/index.js";
import { writeFileAtomic } from "../write-file-atomic.js";

/** Default bound on remembered results; the oldest stored are dropped beyond it. */
export const DEFAULT_RESULT_CACHE_ENTRIES = 4_096;
/** A value longer than this is not remembered (a detection is ~200 characters, an address 42). */
export const MAX_RESULT_VALUE_CHARS = 16 * 1024;
/** A cache file larger than this is not read (corrupt or hostile) and is rebuilt. */
const MAX_RESULT_FILE_BYTES = 16 << 20;
const KEY = /^[0-9a-f]{64}$/;

type ResultFile = { version: 1; entries: [string, string][] };

export type FileResultCacheOptions = {
  /** The cache file. Default: `<dir>/results.json`. */
  file?: string | undefined;
  /** The cache folder. Default: the digest cache's (`$OMRL_CACHE_DIR`, `$XDG_CACHE_HOME/omrl`, `~/.cache/omrl`). */
  dir?: string | undefined;
  /** At most this many results are kept (oldest stored evicted). Default 4,096. */
  maxEntries?: number | undefined;
  env?: Record<string, string | undefined> | undefined;
};

/**
 * The result cache (`PureResultCache`) in one JSON file beside the digest cache: read once per run
 * by `load()` (one file read, not one per entry), answered from memory, written atomically by
 * `save()` only when something new was stored (merged with what another process wrote meanwhile,
 * newest `maxEntries` kept). A missing, oversized, corrupt or other-version file reads as empty and
 * is replaced on the next save; malformed entries are skipped; a failed save is ignored — the
 * cache only ever saves time. Keys are `pureCacheKey` SHA-256 hex digests.
 */
export class FileResultCache implements PureResultCache {
  readonly file: string;
  readonly maxEntries: number;
  #entries = new Map<string, string>();
  #added = new Map<string, string>();
  /** The error of the last failed save, if any (saves never throw). */
  lastSaveError: unknown;

  constructor(options: FileResultCacheOptions = {}) {
    this.file = options.file ? resolve(options.file) : join(resolveDigestCacheDir(options), "results.json");
    this.maxEntries = Math.max(1, Math.floor(options.maxEntries ?? DEFAULT_RESULT_CACHE_ENTRIES));
  }

  /** Reads the cache file (call once before use). */
  async load(): Promise<this> {
    this.#entries = await readResultFile(this.file);
    for (const [key, value] of this.#added) this.#entries.set(key, value);
    return this;
  }

  get(key: string): string | undefined {
    return this.#entries.get(key);
  }

  set(key: string, value: string): void {
    if (!KEY.test(key) || value.length > MAX_RESULT_VALUE_CHARS || this.#entries.get(key) === value) return;
    this.#entries.delete(key);
    this.#entries.set(key, value);
    this.#added.delete(key);
    this.#added.set(key, value);
  }

  /** SHA-256 of the key frames, by `node:crypto`. */
  sha256Frames(frames: readonly (string | Uint8Array)[]): string {
    const h = createHash("sha256");
    for (const frame of frames) h.update(frame);
    return h.digest("hex");
  }

  /** How many results are remembered. */
  get size(): number {
    return this.#entries.size;
  }

  /** Writes the file if anything new was stored. Never throws. */
  async save(): Promise<void> {
    if (this.#added.size === 0) return;
    try {
      const merged = await readResultFile(this.file);
      for (const [key, value] of this.#added) {
        merged.delete(key);
        merged.set(key, value);
      }
      const kept = [...merged].slice(-this.maxEntries);
      const body: ResultFile = { version: 1, entries: kept };
      await writeFileAtomic(this.file, JSON.stringify(body));
      this.#entries = new Map(kept);
      this.#added.clear();
      this.lastSaveError = undefined;
    } catch (error) {
      this.lastSaveError = error;
    }
  }

  /** Forgets everything and deletes the file. */
  async clear(): Promise<void> {
    this.#entries.clear();
    this.#added.clear();
    await rm(this.file, { force: true });
  }
}

/** Reads a result file; anything missing, oversized or malformed reads as empty (entry by entry). */
async function readResultFile(file: string): Promise<Map<string, string>> {
  const entries = new Map<string, string>();
  try {
    const info = await stat(file);
    if (!info.isFile() || info.size > MAX_RESULT_FILE_BYTES) return entries;
    const parsed = JSON.parse(await readFile(file, "utf8")) as ResultFile;
    if (typeof parsed !== "object" || parsed === null || parsed.version !== 1 || !Array.isArray(parsed.entries)) return entries;
    for (const pair of parsed.entries) {
      if (!Array.isArray(pair) || pair.length !== 2) continue;
      const [key, value] = pair as unknown[];
      if (typeof key === "string" && KEY.test(key) && typeof value === "string" && value.length <= MAX_RESULT_VALUE_CHARS) entries.set(key, value);
    }
  } catch {
    // Missing or corrupt: start empty; the next save rewrites the file.
  }
  return entries;
}

/**
 * Opens the result cache in the default (or given) folder, loaded; undefined when
 * `OMRL_NO_CACHE=1` (the Hub cache's opt-out) asks for no cache.
 *
 * @example
 * const results = await openFileResultCache({ env: process.env });
 * setPureResultCache(results);
 * // … run the check …
 * await results?.save();
 */
export async function openFileResultCache(options: FileResultCacheOptions = {}): Promise<FileResultCache | undefined> {
  const env = options.env ?? process.env;
  if (/^(1|true|yes|on)$/i.test(env.OMRL_NO_CACHE ?? "")) return undefined;
  return new FileResultCache({ ...options, env }).load();
}
