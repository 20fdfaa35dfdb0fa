import type { BigIntStats } from "node:fs";
import { readFile, rm, stat } from "node:fs/promises";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { writeFileAtomic } from "../write-file-atomic.js";

/** Default bound on the number of remembered digests; the oldest are dropped beyond it. */
export const DEFAULT_DIGEST_CACHE_ENTRIES = 20_000;
/** A cache file larger than this is not read (it would be corrupt or hostile) and is rebuilt. */
const MAX_CACHE_FILE_BYTES = 64 << 20;
/**
 * A file modified this recently before its hashing began is not cached: file-system clocks are
 * coarse (Linux ticks, 2 s on FAT), so a second same-size write within one tick would keep the
 * same mtime and a stale digest would look valid (git's "racily clean" problem).
 */
export const RACY_WINDOW_MS = 2_000;

/** What a file looked like when it was hashed; the digest is reused only if all of it still matches. */
export type DigestCacheEntry = {
  size: number;
  /** Nanoseconds since the epoch, as a decimal string (exact; a `number` would round). */
  mtimeNs: string;
  ctimeNs: string;
  ino: string;
  dev: string;
  sha256: string;
  /** When it was hashed, ms since the epoch; the oldest entries are evicted first. */
  hashedAt: number;
};

type CacheFile = { version: 1; entries: Record<string, DigestCacheEntry> };

export type DigestCacheOptions = {
  /** The cache file. Default: `<dir>/digests.json`. */
  file?: string | undefined;
  /** The cache folder. Default: `$OMRL_CACHE_DIR`, else `$XDG_CACHE_HOME/omrl`, else `~/.cache/omrl`. */
  dir?: string | undefined;
  /** At most this many entries are kept (oldest evicted). Default 20,000. */
  maxEntries?: number | undefined;
  /** Environment to read `OMRL_CACHE_DIR` / `XDG_CACHE_HOME` from. Default `process.env`. */
  env?: Record<string, string | undefined> | undefined;
};

/**
 * The folder the digest cache lives in: the `dir` option, else `$OMRL_CACHE_DIR`, else
 * `$XDG_CACHE_HOME/omrl`, else `~/.cache/omrl`.
 *
 * @example
 * resolveDigestCacheDir({ env: { XDG_CACHE_HOME: "/var/cache" } }) // "/var/cache/omrl"
 */
export function resolveDigestCacheDir(options: Pick<DigestCacheOptions, "dir" | "env"> = {}): string {
  const env = options.env ?? process.env;
  if (options.dir) return resolve(options.dir);
  if (env.OMRL_CACHE_DIR) return resolve(env.OMRL_CACHE_DIR);
  if (env.XDG_CACHE_HOME) return join(resolve(env.XDG_CACHE_HOME), "omrl");
  return join(homedir(), ".cache", "omrl");
}

/**
 * Remembers sha256 digests keyed by absolute path and checked against (size, mtime, ctime, inode,
 * device), so re-verifying an unchanged release reads no file content. Stored as one JSON file,
 * written atomically; a missing, unreadable or corrupt file is treated as empty and rebuilt, and a
 * write that fails (read-only home, full disk) is ignored — the cache only ever saves time.
 */
export class DigestCache {
  readonly file: string;
  readonly maxEntries: number;
  #entries: Map<string, DigestCacheEntry> | undefined;
  #loading: Promise<Map<string, DigestCacheEntry>> | undefined;
  #dirty = false;
  #saving: Promise<void> = Promise.resolve();
  /** The error of the last failed save, if any (kept for diagnostics; saves never throw). */
  lastSaveError: unknown;

  constructor(options: DigestCacheOptions = {}) {
    this.file = options.file ? resolve(options.file) : join(resolveDigestCacheDir(options), "digests.json");
    this.maxEntries = Math.max(1, Math.floor(options.maxEntries ?? DEFAULT_DIGEST_CACHE_ENTRIES));
  }

  /** The cached digest of `absolutePath` if `stats` (from `stat(path, { bigint: true })`) still match, else undefined. */
  async lookup(absolutePath: string, stats: BigIntStats): Promise<string | undefined> {
    const entry = (await this.#load()).get(absolutePath);
    if (!entry || !sameFile(entry, stats)) return undefined;
    return entry.sha256;
  }

  /**
   * Remembers a digest for `absolutePath` as it was when hashing started (`stats`, `hashStartedAt`
   * in ms). Files modified within `RACY_WINDOW_MS` of that moment are not remembered.
   * Returns whether the entry was stored.
   */
  async store(absolutePath: string, stats: BigIntStats, sha256: string, hashStartedAt: number = Date.now()): Promise<boolean> {
    const entries = await this.#load();
    if (Number(stats.mtimeNs / 1_000_000n) > hashStartedAt - RACY_WINDOW_MS) return false;
    entries.delete(absolutePath); // re-insert so Map order stays oldest-first
    entries.set(absolutePath, {
      size: Number(stats.size),
      mtimeNs: stats.mtimeNs.toString(),
      ctimeNs: stats.ctimeNs.toString(),
      ino: stats.ino.toString(),
      dev: stats.dev.toString(),
      sha256,
      hashedAt: hashStartedAt,
    });
    this.#dirty = true;
    return true;
  }

  /** How many digests are remembered. */
  async size(): Promise<number> {
    return (await this.#load()).size;
  }

  /**
   * Writes the cache file if anything changed: merges what another process wrote meanwhile, keeps
   * the newest `maxEntries`, and replaces the file atomically. Never throws.
   */
  save(): Promise<void> {
    this.#saving = this.#saving.then(() => this.#save());
    return this.#saving;
  }

  /** Forgets everything and deletes the cache file. */
  async clear(): Promise<void> {
    await this.#saving;
    this.#entries = new Map();
    this.#loading = undefined;
    this.#dirty = false;
    await rm(this.file, { force: true });
  }

  async #save(): Promise<void> {
    if (!this.#dirty || !this.#entries) return;
    this.#dirty = false;
    try {
      const onDisk = await readCacheFile(this.file);
      const merged = new Map<string, DigestCacheEntry>();
      for (const [path, entry] of onDisk) if (!this.#entries.has(path)) merged.set(path, entry);
      for (const [path, entry] of this.#entries) merged.set(path, entry);
      const newestFirst = [...merged].sort((a, b) => b[1].hashedAt - a[1].hashedAt).slice(0, this.maxEntries);
      this.#entries = new Map(newestFirst.reverse());
      const body: CacheFile = { version: 1, entries: Object.fromEntries(this.#entries) };
      await writeFileAtomic(this.file, JSON.stringify(body));
      this.lastSaveError = undefined;
    } catch (error) {
      this.lastSaveError = error;
    }
  }

  #load(): Promise<Map<string, DigestCacheEntry>> {
    if (this.#entries) return Promise.resolve(this.#entries);
    this.#loading ??= readCacheFile(this.file).then((entries) => {
      this.#entries ??= entries;
      return this.#entries;
    });
    return this.#loading;
  }
}

/**
 * A digest cache backed by one JSON file (see `DigestCache`).
 *
 * @example
 * const cache = createDigestCache({ dir: ".omrl-cache" })
 * const { files } = await digestFiles(["model.safetensors"], { cache })
 */
export function createDigestCache(options: DigestCacheOptions = {}): DigestCache {
  return new DigestCache(options);
}

let defaultCache: DigestCache | undefined;

/** The process-wide cache in the default location (created on first use). */
export function getDefaultDigestCache(): DigestCache {
  defaultCache ??= new DigestCache();
  return defaultCache;
}

function sameFile(entry: DigestCacheEntry, stats: BigIntStats): boolean {
  return (
    entry.size === Number(stats.size) &&
    entry.mtimeNs === stats.mtimeNs.toString() &&
    entry.ctimeNs === stats.ctimeNs.toString() &&
    entry.ino === stats.ino.toString() &&
    entry.dev === stats.dev.toString()
  );
}

const HEX64 = /^[0-9a-f]{64}$/;
const DIGITS = /^[0-9]+$/;

function isEntry(value: unknown): value is DigestCacheEntry {
  if (typeof value !== "object" || value === null) return false;
  const e = value as Record<string, unknown>;
  return (
    Number.isSafeInteger(e.size) &&
    (e.size as number) >= 0 &&
    typeof e.sha256 === "string" &&
    HEX64.test(e.sha256) &&
    typeof e.hashedAt === "number" &&
    Number.isFinite(e.hashedAt) &&
    [e.mtimeNs, e.ctimeNs, e.ino, e.dev].every((x) => typeof x === "string" && DIGITS.test(x))
  );
}

/** Reads a cache file; anything missing, oversized or malformed reads as empty (entry by entry). */
async function readCacheFile(file: string): Promise<Map<string, DigestCacheEntry>> {
  const entries = new Map<string, DigestCacheEntry>();
  try {
    const info = await stat(file);
    if (!info.isFile() || info.size > MAX_CACHE_FILE_BYTES) return entries;
    const parsed: unknown = JSON.parse(await readFile(file, "utf8"));
    if (typeof parsed !== "object" || parsed === null || (parsed as CacheFile).version !== 1) return entries;
    const raw = (parsed as CacheFile).entries;
    if (typeof raw !== "object" || raw === null) return entries;
    const valid = Object.entries(raw).filter((pair): pair is [string, DigestCacheEntry] => isEntry(pair[1]));
    valid.sort((a, b) => a[1].hashedAt - b[1].hashedAt);
    for (const [path, entry] of valid) entries.set(path, entry);
  } catch {
    // Missing or corrupt: start empty; the next save rewrites the file.
  }
  return entries;
}
