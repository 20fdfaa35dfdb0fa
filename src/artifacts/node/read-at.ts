import type { open } from "node:fs/promises";

type Handle = Awaited<ReturnType<typeof open>>;

/** Bytes [start, end) from an open file, fewer at end of file. */
export async function readAt(handle: Handle, start: number, end: number): Promise<Uint8Array> {
  if (end <= start) return new Uint8Array(0);
  const buffer = new Uint8Array(end - start);
  let done = 0;
  while (done < buffer.length) {
    const { bytesRead } = await handle.read(buffer, done, buffer.length - done, start + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done === buffer.length ? buffer : buffer.subarray(0, done);
}
