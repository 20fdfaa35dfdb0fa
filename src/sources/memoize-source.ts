import type { ModelSource, SourceFile } from "./types.js";
import { utf8Length } from "../text/utf8-length.js";

/** A source whose listing and text reads are remembered (see `memoizeSource`). */
export type MemoizedSource = ModelSource & {
  /** The source it reads through. */
  readonly inner: ModelSource;
};

/** `readText`'s default bound, as `ModelSource` documents it. */
const DEFAULT_TEXT_BOUND = 5 * 1024 * 1024;
/** A range read from byte 0 within this many bytes reads all of them, so header reads that follow (a length, then the header) are answered from it. */
export const MEMOIZED_PREFIX_BYTES = 64 * 1024;

/**
 * A view of `source` that lists its files once and reads each small text file once, for as long
 * as the view lives: the same promise — the same result, or the same error — answers every later
 * call. A read under another bound reuses an earlier read of the same file when that answers it
 * exactly (the file is missing, or its text is within the new bound), else reads again. A byte
 * range read from the start of a file within its first 64 KiB reads those 64 KiB, and later ranges
 * inside them are answered from that prefix (a header is read as its length, then itself). Digests pass
 * straight through (the digest cache remembers them). Meant for one run over a release that does
 * not change meanwhile, such as `resolveApp`, where a release is read by `inspect` and again for
 * the lineage of every model that names it.
 *
 * Callers get copies of the listing and of byte ranges, so one caller's changes do not reach another.
 *
 * @example
 * const source = memoizeSource(await openLocalSource("./models/base"));
 * await source.readText("README.md"); // read from disk
 * await source.readText("README.md"); // remembered
 */
export function memoizeSource(source: ModelSource): MemoizedSource {
  if (isMemoized(source)) return source;
  let listing: Promise<SourceFile[]> | undefined;
  const texts = new Map<string, Promise<string | undefined>>();
  const firstTextRead = new Map<string, Promise<string | undefined>>();
  const prefixes = new Map<string, Promise<Uint8Array>>();

  const readText = (path: string, options?: { maxBytes?: number }): Promise<string | undefined> => {
    const key = `${options?.maxBytes ?? ""}\0${path}`;
    let text = texts.get(key);
    if (text !== undefined) return text;
    const fresh = () => source.readText(path, options);
    const earlier = firstTextRead.get(path);
    const bound = options?.maxBytes ?? DEFAULT_TEXT_BOUND;
    // U+FFFD stands where the file had invalid bytes (3 in UTF-8): the file had at most the length counted
    text =
      earlier === undefined || !Number.isSafeInteger(bound) || bound < 0
        ? fresh()
        : earlier.then((known) => (known === undefined || utf8Length(known, bound) + BOM_BYTES <= bound ? known : fresh()), fresh);
    texts.set(key, text);
    if (earlier === undefined) firstTextRead.set(path, text);
    return text;
  };

  const readRange = async (path: string, start: number, end: number): Promise<Uint8Array> => {
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) return source.readRange(path, start, end);
    let prefix = prefixes.get(path);
    if (prefix === undefined) {
      if (start !== 0 || end > MEMOIZED_PREFIX_BYTES) return source.readRange(path, start, end);
      prefix = source.readRange(path, 0, MEMOIZED_PREFIX_BYTES);
      prefixes.set(path, prefix);
    }
    const bytes = await prefix;
    // the prefix answers a range inside it, or any range when the file ended inside it
    if (end <= bytes.length || bytes.length < MEMOIZED_PREFIX_BYTES) return bytes.slice(Math.min(start, bytes.length), Math.min(end, bytes.length));
    return source.readRange(path, start, end);
  };

  const memoized: MemoizedSource = {
    inner: source,
    kind: source.kind,
    id: source.id,
    revision: source.revision,
    listFiles() {
      listing ??= source.listFiles();
      return listing.then((files) => files.map((file) => ({ ...file })));
    },
    readText,
    readRange,
  };
  if (source.sha256) memoized.sha256 = (path, options) => source.sha256!(path, options);
  return memoized;
}

/** A decoder drops a leading byte-order mark: the file may have had these 3 bytes more than its text. */
const BOM_BYTES = 3;

function isMemoized(source: ModelSource): source is MemoizedSource {
  return "inner" in source && typeof (source as { inner?: unknown }).inner === "object";
}
