import { realpath } from "node:fs/promises";
import { basename, resolve } from "node:path";
import type { DigestCache } from "../node/index.js";
import { getDefaultDigestCache } from "../node/index.js";
import { type DigestStats, statRegularFile } from "../node/index.js";
import { fsErrorToSourceReadError } from "../node/index.js";
import { SourceReadError } from "./errors.js";
import { DEFAULT_MAX_TEXT_BYTES, digestLocalFile, readLocalRange, readLocalText } from "./local-io.js";
import type { ModelSource, SourceFile } from "./types.js";

export type SingleFileSourceOptions = {
  /** Digest cache for `sha256` and `listFiles`; `false` for none. Default: the user cache. */
  cache?: DigestCache | false | undefined;
};

/**
 * A release that is one file, such as a lone `.safetensors` or `.gguf`: `listFiles` returns that
 * file under its base name, and every other path is missing.
 *
 * @example
 * const source = createSingleFileSource("./tinyllama.Q4_K_M.gguf")
 * await source.listFiles() // [{ path: "tinyllama.Q4_K_M.gguf", size: 668788096, sha256: undefined }]
 * const header = await source.readRange("tinyllama.Q4_K_M.gguf", 0, 4)
 */
export class SingleFileSource implements ModelSource {
  readonly kind = "file";
  /** The file, as an absolute path. */
  readonly id: string;
  readonly revision = undefined;
  /** The file's one path inside the release: its base name. */
  readonly name: string;
  readonly digestStats: DigestStats = { filesHashed: 0, bytesHashed: 0, cacheHits: 0 };
  readonly #cacheOption: DigestCache | false | undefined;

  constructor(file: string, options: SingleFileSourceOptions = {}) {
    this.id = resolve(file);
    this.name = basename(this.id);
    this.#cacheOption = options.cache;
  }

  async listFiles(): Promise<SourceFile[]> {
    const real = await this.#real();
    const stats = await statRegularFile(real);
    const cache = this.#cache();
    const sha256 = cache ? await cache.lookup(real, stats) : undefined;
    return [{ path: this.name, size: Number(stats.size), sha256 }];
  }

  async readText(path: string, options: { maxBytes?: number } = {}): Promise<string | undefined> {
    if (path !== this.name) return undefined;
    return readLocalText(this.id, path, options.maxBytes ?? DEFAULT_MAX_TEXT_BYTES);
  }

  async readRange(path: string, start: number, end: number): Promise<Uint8Array> {
    this.#check(path);
    return readLocalRange(this.id, path, start, end);
  }

  async sha256(path: string, options: { onProgress?: ((bytesDone: number, bytesTotal: number) => void) | undefined } = {}): Promise<string> {
    this.#check(path);
    return digestLocalFile(await this.#real(), this.#cache(), this.digestStats, options.onProgress);
  }

  #check(path: string): void {
    if (path !== this.name)
      throw new SourceReadError(`no such file in ${this.id}: ${path}`, {
        reason: "missing",
        path,
        details: `this release is the single file ${this.name}`,
      });
  }

  async #real(): Promise<string> {
    try {
      return await realpath(this.id);
    } catch (error) {
      throw fsErrorToSourceReadError(error, this.id);
    }
  }

  #cache(): DigestCache | undefined {
    return this.#cacheOption === false ? undefined : (this.#cacheOption ?? getDefaultDigestCache());
  }
}

/**
 * A `ModelSource` over one file (see `SingleFileSource`).
 *
 * @example
 * const source = createSingleFileSource("model.safetensors", { cache: false })
 */
export function createSingleFileSource(file: string, options: SingleFileSourceOptions = {}): SingleFileSource {
  return new SingleFileSource(file, options);
}
