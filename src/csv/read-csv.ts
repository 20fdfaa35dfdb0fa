import { CsvReader, type CsvReaderOptions } from "./csv-reader.js";

/** Text to read: a whole string, or chunks (strings, or UTF-8 bytes) from an iterable or a stream. */
export type CsvInput =
  | string
  | Iterable<string | Uint8Array>
  | AsyncIterable<string | Uint8Array>
  | ReadableStream<string | Uint8Array>;

export type ReadCsvParameters = CsvReaderOptions;

/** The number of records read (the header included). */
export type ReadCsvReturnType = number;

/**
 * Reads CSV from a string, an (async) iterable of chunks or a web `ReadableStream` through one
 * `CsvReader`, calling `onRecord` (and `onLine`) as records complete. Byte chunks are decoded as
 * UTF-8, a character split across chunks included. Memory stays bounded by the longest record.
 *
 * @example
 * const response = await fetch(url);
 * await readCsv(response.body!, { onRecord: (fields, line) => console.log(line, fields) });
 */
export async function readCsv(input: CsvInput, parameters: ReadCsvParameters): Promise<ReadCsvReturnType> {
  const reader = new CsvReader(parameters);
  if (typeof input === "string") return reader.end(input);
  let decoder: TextDecoder | undefined;
  const push = (chunk: string | Uint8Array) => {
    if (typeof chunk === "string") reader.push(chunk);
    else reader.push((decoder ??= new TextDecoder("utf-8", { fatal: false })).decode(chunk, { stream: true }));
  };
  if (isReadableStream(input) && !(Symbol.asyncIterator in input)) {
    // a stream that is not async-iterable (some browsers): read it by hand
    const streamReader = input.getReader();
    try {
      for (;;) {
        const { done, value } = await streamReader.read();
        if (done) break;
        push(value);
      }
    } finally {
      streamReader.releaseLock();
    }
  } else for await (const chunk of input as AsyncIterable<string | Uint8Array>) push(chunk);
  if (decoder) reader.push(decoder.decode());
  return reader.end();
}

function isReadableStream(input: unknown): input is ReadableStream<string | Uint8Array> {
  return typeof (input as ReadableStream).getReader === "function";
}
