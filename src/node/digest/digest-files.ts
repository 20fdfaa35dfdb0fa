import type { BigIntStats } from "node:fs";
import { stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { SourceReadError } from "../../sources/index.js";
import { type DigestCache, getDefaultDigestCache } from "./cache.js";
import { FileChangedError, fsErrorToSourceReadError } from "./errors.js";
import { getSharedHashWorkerPool } from "./pool.js";

export type DigestProgress = {
  /** Bytes hashed so far (cache hits count as no bytes). */
  bytesDone: number;
  /** Bytes that need hashing: the total size of the files the cache did not answer. */
  bytesTotal: number;
  /** Files finished, cache hits included. */
  filesDone: number;
  filesTotal: number;
};

export type DigestFilesParameters = {
  /** Files hashed at once, each on its own worker thread. Default `os.availableParallelism()`. */
  concurrency?: number | undefined;
  /** Where digests are remembered: a `DigestCache`, or `false` for none. Default: the user cache (`getDefaultDigestCache()`). */
  cache?: DigestCache | false | undefined;
  /** Called as bytes are hashed (about every 32 MiB per file) and as files finish. */
  onProgress?: ((progress: DigestProgress) => void) | undefined;
};

export type FileDigest = {
  /** The absolute path that was hashed. */
  path: string;
  size: number;
  /** Lower-case hex. */
  sha256: string;
  /** True when the cache answered and the file was not read. */
  fromCache: boolean;
};

export type DigestStats = {
  /** Files actually read and hashed. */
  filesHashed: number;
  bytesHashed: number;
  /** Files answered by the cache without reading them. */
  cacheHits: number;
};

export type DigestFilesReturnType = {
  /** One per distinct input path, in input order. */
  files: FileDigest[];
  stats: DigestStats;
};

const STAT_CONCURRENCY = 64;

/**
 * The sha256 of each file, streamed in 1 MiB chunks (never a whole file in memory), several files
 * at once on worker threads, and answered from the digest cache where a file's size, mtime,
 * ctime and inode are unchanged since it was last hashed.
 *
 * Throws `SourceReadError` (`missing`, `unauthorized`, `invalid`) for a file that cannot be read,
 * and `FileChangedError` for one that changed while it was read.
 *
 * @example
 * const { files, stats } = await digestFiles(["a.safetensors", "b.safetensors"], {
 *   onProgress: (p) => console.error(`${p.bytesDone}/${p.bytesTotal}`),
 * })
 * files[0].sha256 // "9f86d0…"
 * stats.filesHashed // 2 the first time, 0 the second
 */
export async function digestFiles(
  paths: readonly string[],
  parameters: DigestFilesParameters = {},
): Promise<DigestFilesReturnType> {
  const cache = parameters.cache === false ? undefined : (parameters.cache ?? getDefaultDigestCache());
  const concurrency = Math.max(1, Math.floor(parameters.concurrency ?? availableParallelism()));
  const unique = [...new Set(paths.map((p) => resolve(p)))];

  const stats = await mapLimit(unique, STAT_CONCURRENCY, statRegularFile);
  const results = new Map<string, FileDigest>();
  const misses: { path: string; stats: BigIntStats }[] = [];
  for (const [i, path] of unique.entries()) {
    const s = stats[i]!;
    const cached = cache ? await cache.lookup(path, s) : undefined;
    if (cached) results.set(path, { path, size: Number(s.size), sha256: cached, fromCache: true });
    else misses.push({ path, stats: s });
  }

  const progress: DigestProgress = {
    bytesDone: 0,
    bytesTotal: misses.reduce((sum, m) => sum + Number(m.stats.size), 0),
    filesDone: results.size,
    filesTotal: unique.length,
  };
  const report = parameters.onProgress ? () => parameters.onProgress!({ ...progress }) : () => {};
  report();

  // Largest first, so the last file to start is a small one and the cores finish together.
  misses.sort((a, b) => Number(b.stats.size - a.stats.size));
  const pool = getSharedHashWorkerPool();
  pool.grow(concurrency);
  let bytesHashed = 0;
  let stored = false;
  await mapLimit(misses, concurrency, async ({ path, stats: before }) => {
    const startedAt = Date.now();
    const { sha256, bytes } = await pool.hash(path, (n) => {
      progress.bytesDone += n;
      report();
    });
    const after = await statRegularFile(path);
    if (!sameStats(before, after) || bytes !== Number(before.size)) throw new FileChangedError(path);
    bytesHashed += bytes;
    results.set(path, { path, size: bytes, sha256, fromCache: false });
    progress.filesDone += 1;
    report();
    if (cache && (await cache.store(path, before, sha256, startedAt))) stored = true;
  });
  if (cache && stored) await cache.save();

  return {
    files: unique.map((path) => results.get(path)!),
    stats: { filesHashed: misses.length, bytesHashed, cacheHits: unique.length - misses.length },
  };
}

/** `stat` (following symlinks) that insists on a regular file, with typed errors. */
export async function statRegularFile(path: string): Promise<BigIntStats> {
  let s: BigIntStats;
  try {
    s = await stat(path, { bigint: true });
  } catch (error) {
    throw fsErrorToSourceReadError(error, path);
  }
  if (!s.isFile()) throw new SourceReadError(`not a regular file: ${path}`, { reason: "invalid", path });
  return s;
}

function sameStats(a: BigIntStats, b: BigIntStats): boolean {
  return a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs && a.ino === b.ino && a.dev === b.dev;
}

/**
 * Maps with at most `limit` calls in flight. On the first failure no new call starts and the
 * failure is thrown once the running calls settle.
 */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const runner = async () => {
    while (!failure && next < items.length) {
      const index = next++;
      try {
        out[index] = await fn(items[index]!);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, runner));
  if (failure) throw failure.error;
  return out;
}
