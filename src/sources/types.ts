/**
 * `ModelSource` is the one abstraction over where a model release lives. A local folder, a single
 * file and a Hugging Face Hub repo at a pinned commit are three implementations; everything above
 * this interface (inspect, rules, reports) is the same code for all of them.
 */
export type SourceFile = {
  /** Path inside the release, `/`-separated, no leading slash (`model-00001-of-00002.safetensors`). */
  path: string;
  /** Size in bytes. */
  size: number;
  /** Lower-case hex sha256 of the whole file where already known (the Hub's LFS oid), else undefined. */
  sha256?: string | undefined;
};

export type ModelSource = {
  /** `local`, `file` or `hub`. */
  readonly kind: string;
  /** Human-readable id: a folder path, a file path, `hf:org/name@<commit sha>`. */
  readonly id: string;
  /** The pinned revision (commit sha) for sources that have one. */
  readonly revision?: string | undefined;
  /** Every file of the release. */
  listFiles(): Promise<SourceFile[]>;
  /**
   * A small text file, UTF-8. Refuses files larger than `maxBytes` (default 5 MiB) with a
   * `SourceReadError`; returns `undefined` when the file does not exist.
   */
  readText(path: string, options?: { maxBytes?: number }): Promise<string | undefined>;
  /** Bytes [start, end) of a file; fewer when the file is shorter. */
  readRange(path: string, start: number, end: number): Promise<Uint8Array>;
  /**
   * The whole-file sha256 (lower-case hex): from metadata where the source has it, else streamed.
   * Optional: sources that cannot compute it leave it out. `onProgress` reports bytes hashed of
   * this file while it streams (sources that stream locally call it; others may not).
   */
  sha256?(path: string, options?: { onProgress?: ((bytesDone: number, bytesTotal: number) => void) | undefined }): Promise<string>;
};
