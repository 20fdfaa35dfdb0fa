import type { ModelSource, SourceFile } from "./types.js";

/** A source whose listing and text reads are remembered (see `memoizeSource`). */
export type MemoizedSource = ModelSource & {
  /** The source it reads through. */
  readonly inner: ModelSource;
};

/**
 * A view of `source` that lists its files once and reads each small text file once (per `maxBytes`
 * bound), for as long as the view lives: the same promise — the same result, or the same error —
 * answers every later call. Byte ranges and digests pass straight through (the digest cache and the
 * prefix cache remember those). Meant for one run over a release that does not change meanwhile, such
 * as `resolveApp`, where a shared ancestor is read for every model that names it.
 *
 * Callers get a copy of the listing, so one caller's changes to it do not reach another.
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
  const memoized: MemoizedSource = {
    inner: source,
    kind: source.kind,
    id: source.id,
    revision: source.revision,
    listFiles() {
      listing ??= source.listFiles();
      return listing.then((files) => files.map((file) => ({ ...file })));
    },
    readText(path, options) {
      const key = `${options?.maxBytes ?? ""}\0${path}`;
      let text = texts.get(key);
      if (text === undefined) {
        text = source.readText(path, options);
        texts.set(key, text);
      }
      return text;
    },
    readRange: (path, start, end) => source.readRange(path, start, end),
  };
  if (source.sha256) memoized.sha256 = (path, options) => source.sha256!(path, options);
  return memoized;
}

function isMemoized(source: ModelSource): source is MemoizedSource {
  return "inner" in source && typeof (source as { inner?: unknown }).inner === "object";
}
