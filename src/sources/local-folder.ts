import type { BigIntStats, Dirent } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import type { DigestCache } from "../node/index.js";
import { getDefaultDigestCache } from "../node/index.js";
import type { DigestStats } from "../node/index.js";
import { fsErrorToSourceReadError } from "../node/index.js";
import { SourceReadError } from "./errors.js";
import { DEFAULT_MAX_TEXT_BYTES, digestLocalFile, readLocalRange, readLocalText } from "./local-io.js";
import type { ModelSource, SourceFile } from "./types.js";

/** Default bound on the number of files a folder may hold. */
export const DEFAULT_MAX_FILES = 100_000;

/** Folders skipped by default: `.git`, `node_modules` and every dot-folder (`.cache`, `.venv`…). */
export function defaultIgnoreDirectory(name: string): boolean {
  return name.startsWith(".") || name === "node_modules";
}

export type LocalFolderSourceOptions = {
  /** Which folders to leave out (name, and `/` path inside the release). Default `defaultIgnoreDirectory`. */
  ignoreDirectory?: ((name: string, path: string) => boolean) | undefined;
  /** More files than this is an error (`SourceReadError`, reason `too-large`). Default 100,000. */
  maxFiles?: number | undefined;
  /**
   * Symlinks are followed only to targets inside this folder. Default: the release folder itself.
   * A Hugging Face cache snapshot links to `../../blobs/…`, so open one with the repo's cache
   * folder (`…/models--org--name`) here.
   */
  symlinkRoot?: string | undefined;
  /** Digest cache for `sha256` and for filling `SourceFile.sha256` in `listFiles`; `false` for none. Default: the user cache. */
  cache?: DigestCache | false | undefined;
};

/** A symlink in a release points outside the folder it may point into; it is refused, not followed. */
export class SymlinkEscapeError extends SourceReadError {
  override name = "SymlinkEscapeError";
  /** Where the link resolves to. */
  readonly target: string;
  constructor(path: string, target: string, root: string) {
    super(`symlink escapes the release folder: ${path}`, {
      reason: "symlink-escape",
      path,
      details: `${path} resolves to ${target}, outside ${root}`,
      docsPath: "/docs/digests.md#symlinks",
    });
    this.target = target;
  }
}

type Roots = { root: string; boundary: string };

/**
 * A model release in a local folder: every file under it (recursively, `/` paths, sorted), small
 * text files, byte ranges by positional reads, and whole-file sha256 digests streamed on worker
 * threads and remembered in the digest cache.
 *
 * @example
 * const source = createLocalFolderSource("./my-model")
 * const files = await source.listFiles()
 * const card = await source.readText("README.md")
 * const digest = await source.sha256("model.safetensors")
 */
export class LocalFolderSource implements ModelSource {
  readonly kind = "local";
  /** The folder, as an absolute path. */
  readonly id: string;
  readonly revision = undefined;
  /** Files this source actually read to hash them, and digests the cache answered. */
  readonly digestStats: DigestStats = { filesHashed: 0, bytesHashed: 0, cacheHits: 0 };
  readonly #options: LocalFolderSourceOptions;
  #roots: Promise<Roots> | undefined;

  constructor(dir: string, options: LocalFolderSourceOptions = {}) {
    this.id = resolve(dir);
    this.#options = options;
  }

  async listFiles(): Promise<SourceFile[]> {
    const { root, boundary } = await this.#getRoots();
    const ignore = this.#options.ignoreDirectory ?? defaultIgnoreDirectory;
    const maxFiles = this.#options.maxFiles ?? DEFAULT_MAX_FILES;
    const cache = this.#cache();
    const files: SourceFile[] = [];
    // Each folder carries the real paths of the folders above it, so a symlink back up the chain
    // (a cycle) is skipped while two links to the same folder are both listed.
    const pending: { real: string; path: string; chain: string[] }[] = [{ real: root, path: "", chain: [root] }];

    while (pending.length > 0) {
      const dir = pending.pop()!;
      let entries: Dirent[];
      try {
        entries = await readdir(dir.real, { withFileTypes: true });
      } catch (error) {
        throw fsErrorToSourceReadError(error, dir.path || ".");
      }
      const found = await Promise.all(entries.map((entry) => this.#classify(dir.real, dir.path, entry, boundary)));
      for (const item of found) {
        if (!item) continue;
        if (item.kind === "dir") {
          if (ignore(item.name, item.path) || dir.chain.includes(item.real)) continue;
          pending.push({ real: item.real, path: item.path, chain: [...dir.chain, item.real] });
          continue;
        }
        if (files.length >= maxFiles)
          throw new SourceReadError(`more than ${maxFiles} files in ${this.id}`, {
            reason: "too-large",
            path: this.id,
            details: "raise the maxFiles option, or ignore generated folders",
          });
        const sha256 = cache ? await cache.lookup(item.real, item.stats) : undefined;
        files.push({ path: item.path, size: Number(item.stats.size), sha256 });
      }
    }
    return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  async readText(path: string, options: { maxBytes?: number } = {}): Promise<string | undefined> {
    const real = await this.#resolve(path, { missingOk: true });
    if (real === undefined) return undefined;
    return readLocalText(real, path, options.maxBytes ?? DEFAULT_MAX_TEXT_BYTES);
  }

  async readRange(path: string, start: number, end: number): Promise<Uint8Array> {
    const real = (await this.#resolve(path, { missingOk: false }))!;
    return readLocalRange(real, path, start, end);
  }

  async sha256(path: string, options: { onProgress?: ((bytesDone: number, bytesTotal: number) => void) | undefined } = {}): Promise<string> {
    const real = (await this.#resolve(path, { missingOk: false }))!;
    return digestLocalFile(real, this.#cache(), this.digestStats, options.onProgress);
  }

  #cache(): DigestCache | undefined {
    const option = this.#options.cache;
    return option === false ? undefined : (option ?? getDefaultDigestCache());
  }

  #getRoots(): Promise<Roots> {
    this.#roots ??= (async () => {
      let root: string;
      try {
        root = await realpath(this.id);
        if (!(await stat(root)).isDirectory())
          throw new SourceReadError(`not a folder: ${this.id}`, { reason: "invalid", path: this.id });
      } catch (error) {
        throw fsErrorToSourceReadError(error, this.id);
      }
      let boundary = root;
      if (this.#options.symlinkRoot !== undefined) {
        try {
          boundary = await realpath(resolve(this.#options.symlinkRoot));
        } catch (error) {
          throw fsErrorToSourceReadError(error, this.#options.symlinkRoot);
        }
        if (!isInside(boundary, root))
          throw new SourceReadError(`symlinkRoot must contain the release folder`, {
            reason: "invalid",
            path: this.#options.symlinkRoot,
            details: `${root} is not inside ${boundary}`,
          });
      }
      return { root, boundary };
    })();
    // A failed lookup (folder not there yet) is retried next time.
    this.#roots.catch(() => (this.#roots = undefined));
    return this.#roots;
  }

  /** What a directory entry is, following a symlink only if it stays inside the boundary. */
  async #classify(
    parentReal: string,
    parentPath: string,
    entry: Dirent,
    boundary: string,
  ): Promise<{ kind: "dir"; name: string; path: string; real: string } | { kind: "file"; path: string; real: string; stats: BigIntStats } | undefined> {
    const path = parentPath ? `${parentPath}/${entry.name}` : entry.name;
    const full = join(parentReal, entry.name);
    if (entry.isDirectory()) return { kind: "dir", name: entry.name, path, real: full };
    if (entry.isFile()) return { kind: "file", path, real: full, stats: await statOrThrow(full, path) };
    if (!entry.isSymbolicLink()) return undefined; // sockets, fifos, devices are not release files
    let target: string;
    try {
      target = await realpath(full);
    } catch {
      return undefined; // a dangling link names no content; it is not part of the release
    }
    if (!isInside(boundary, target)) throw new SymlinkEscapeError(path, target, boundary);
    const stats = await statOrThrow(target, path);
    if (stats.isDirectory()) return { kind: "dir", name: entry.name, path, real: target };
    if (stats.isFile()) return { kind: "file", path, real: target, stats };
    return undefined;
  }

  /**
   * The real path of a release file named by a `/` path: rejects absolute paths, `..`, empty
   * segments and paths through ignored folders, and symlinks that leave the boundary.
   */
  async #resolve(path: string, options: { missingOk: boolean }): Promise<string | undefined> {
    const segments = typeof path === "string" ? path.split("/") : [];
    if (
      typeof path !== "string" ||
      path.length === 0 ||
      path.includes("\0") ||
      isAbsolute(path) ||
      segments.some((s) => s === "" || s === "." || s === "..") ||
      (sep === "\\" && path.includes("\\"))
    )
      throw new SourceReadError(`invalid path in release: ${JSON.stringify(path)}`, {
        reason: "invalid",
        path: String(path),
        details: "use a relative `/`-separated path without `.` or `..` segments",
      });
    const { root, boundary } = await this.#getRoots();
    const ignore = this.#options.ignoreDirectory ?? defaultIgnoreDirectory;
    const missing = () => {
      if (options.missingOk) return undefined;
      throw new SourceReadError(`no such file in ${this.id}: ${path}`, { reason: "missing", path });
    };
    for (let i = 0; i < segments.length - 1; i++)
      if (ignore(segments[i]!, segments.slice(0, i + 1).join("/"))) return missing();
    let real: string;
    try {
      real = await realpath(join(root, ...segments));
    } catch (error) {
      const mapped = fsErrorToSourceReadError(error, path);
      if (mapped.reason === "missing") return missing();
      throw mapped;
    }
    if (!isInside(boundary, real)) throw new SymlinkEscapeError(path, real, boundary);
    return real;
  }
}

/**
 * A `ModelSource` over a local folder (see `LocalFolderSource`).
 *
 * @example
 * const source = createLocalFolderSource("./my-model", { maxFiles: 10_000 })
 */
export function createLocalFolderSource(dir: string, options: LocalFolderSourceOptions = {}): LocalFolderSource {
  return new LocalFolderSource(dir, options);
}

function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === "" || (!isAbsolute(rel) && rel !== ".." && !rel.startsWith(`..${sep}`));
}

async function statOrThrow(full: string, path: string): Promise<BigIntStats> {
  try {
    return await stat(full, { bigint: true });
  } catch (error) {
    throw fsErrorToSourceReadError(error, path);
  }
}
