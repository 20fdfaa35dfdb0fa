import type { ModelSource } from "../sources/index.js";

export type CreatePrefixCacheParameters = {
  /** Size of the cached file (reads are clipped to it). */
  fileSize: number;
  /** Size of the first read from the source (default: `minReadAhead`). */
  firstRead?: number | undefined;
  /** Smallest read from the source after the first (default 64 KiB, the Hub source's read-ahead). */
  minReadAhead?: number | undefined;
  /**
   * Read-ahead as a fraction of the bytes already held (default 0.25): a header that keeps
   * going is fetched in geometrically growing reads, never more than this fraction past its end.
   */
  readAheadRatio?: number | undefined;
  /**
   * The prefix never grows past this many bytes. A read ending past it is clipped (fewer bytes
   * come back) and `limitReached` is set, so the caller can tell a limit from a short file.
   */
  maxBytes?: number | undefined;
};

/** A `ModelSource` that keeps bytes [0, n) of one file and grows n on demand. */
export type PrefixCache = ModelSource & {
  /** Bytes of the file held so far (n). */
  readonly cachedBytes: number;
  /** Whether a read was clipped at `maxBytes`. */
  readonly limitReached: boolean;
};

export type CreatePrefixCacheReturnType = PrefixCache;

/**
 * Wraps `source` so that reads of `path` are served from one growing prefix of the file: each
 * source read starts where the previous one ended, so no byte is fetched twice, and it asks for
 * `max(minReadAhead, readAheadRatio × bytes held)` more than the caller needs. Meant for a
 * header read by several parsers one after the other (an exact walker, then a library): the
 * source, often the network, sees the header once, plus a bounded read-ahead. Other files and
 * the other `ModelSource` methods go straight to `source`.
 *
 * @example
 * const cache = createPrefixCache(source, "model.gguf", { fileSize, maxBytes: 50_000_000 });
 * await scanGgufLayout(cache, "model.gguf", { fileSize, chunkSize: 16 * 1024 });
 * cache.cachedBytes; // about the header size, plus the read-ahead
 */
export function createPrefixCache(
  source: ModelSource,
  path: string,
  parameters: CreatePrefixCacheParameters,
): CreatePrefixCacheReturnType {
  const { fileSize } = parameters;
  const minReadAhead = parameters.minReadAhead ?? 64 * 1024;
  const firstRead = parameters.firstRead ?? minReadAhead;
  const readAheadRatio = parameters.readAheadRatio ?? 0.25;
  const ceiling = Math.min(fileSize, parameters.maxBytes ?? Number.MAX_SAFE_INTEGER);

  let buffer = new Uint8Array(0);
  let held = 0;
  let endOfFile = false; // the source returned fewer bytes than the listed size
  let limitReached = false;
  let pending: Promise<void> = Promise.resolve();

  const append = (bytes: Uint8Array) => {
    if (held + bytes.length > buffer.length) {
      // double the capacity (never past the ceiling): amortised linear copying
      const grown = new Uint8Array(Math.min(ceiling, Math.max(held + bytes.length, buffer.length * 2)));
      grown.set(buffer.subarray(0, held));
      buffer = grown;
    }
    buffer.set(bytes, held);
    held += bytes.length;
  };

  const grow = async (needed: number) => {
    while (held < needed && !endOfFile) {
      const readAhead = held === 0 ? firstRead : Math.max(minReadAhead, Math.floor(held * readAheadRatio));
      const target = Math.min(ceiling, Math.max(needed, held + readAhead));
      const bytes = await source.readRange(path, held, target);
      if (bytes.length < target - held) endOfFile = true;
      append(bytes.length > target - held ? bytes.subarray(0, target - held) : bytes);
    }
  };

  // One grow at a time, so concurrent readers never fetch the same bytes twice.
  const ensure = (needed: number): Promise<void> => {
    const next = pending.then(() => grow(needed));
    pending = next.catch(() => undefined);
    return next;
  };

  return {
    kind: source.kind,
    id: source.id,
    revision: source.revision,
    get cachedBytes() {
      return held;
    },
    get limitReached() {
      return limitReached;
    },
    listFiles: () => source.listFiles(),
    readText: (file, options) => source.readText(file, options),
    ...(source.sha256 ? { sha256: (file: string) => source.sha256!(file) } : {}),
    async readRange(file, start, end) {
      // other files, and ranges the source should refuse with its own error, go straight through
      if (file !== path || !Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start)
        return source.readRange(file, start, end);
      let stop = Math.min(end, fileSize);
      if (stop > ceiling) {
        if (ceiling < fileSize) limitReached = true;
        stop = ceiling;
      }
      if (start >= stop) return new Uint8Array(0);
      await ensure(stop);
      return buffer.slice(start, Math.min(stop, held));
    },
  };
}
