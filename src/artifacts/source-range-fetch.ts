import type { ModelSource } from "../sources/index.js";

export type SourceRangeFetchParameters = {
  /**
   * Bytes at or past this offset are never read (default: the file size). A range crossing it
   * is answered with the bytes before it (a 206 whose `Content-Range` says so, total still the
   * real file size); a range starting at or past it gets an empty 416. Used to serve a parser
   * only the header another reader already measured.
   */
  end?: number | undefined;
};

/**
 * A `fetch` that answers HTTP Range requests from `source.readRange(path, …)`, whatever URL it is
 * given. Lets `@huggingface/gguf` (which reads remote files through `fetch`) read any
 * `ModelSource`: a local file, a Hub file, bytes in memory. The `Content-Range` total tells the
 * library the real file size.
 *
 * @example
 * const parsed = await gguf("https://omrl.invalid/model.gguf", {
 *   fetch: sourceRangeFetch(source, "model.gguf", fileSize, { end: layout.tensorInfoEnd }),
 * });
 */
export function sourceRangeFetch(
  source: ModelSource,
  path: string,
  fileSize: number,
  parameters: SourceRangeFetchParameters = {},
): typeof fetch {
  const servedEnd = Math.min(fileSize, parameters.end ?? fileSize);
  return (async (_input: unknown, init?: RequestInit) => {
    const range = new Headers(init?.headers).get("range");
    const match = range ? /^bytes=(\d+)-(\d*)$/.exec(range) : null;
    const start = match ? Number(match[1]) : 0;
    const end = match && match[2] ? Math.min(Number(match[2]) + 1, servedEnd) : servedEnd;
    if (start >= end) {
      return new Response(new Uint8Array(0), { status: 416, headers: { "content-range": `bytes */${fileSize}` } });
    }
    const bytes = await source.readRange(path, start, end);
    const body = new Uint8Array(bytes); // a copy the Response owns
    return new Response(body, {
      status: 206,
      headers: { "content-range": `bytes ${start}-${start + body.length - 1}/${fileSize}`, "content-length": String(body.length) },
    });
  }) as typeof fetch;
}
