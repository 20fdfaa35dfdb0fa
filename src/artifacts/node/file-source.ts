import { createHash } from "node:crypto";
import { open, stat } from "node:fs/promises";
import { basename } from "node:path";
import type { ModelSource } from "../../sources/index.js";

/**
 * A one-file `ModelSource` over a path on disk, named by its base name — what the stamper needs
 * to run the core readers on a file (the full local-folder source lives in `src/sources/`).
 */
export function singleFileSource(filePath: string): ModelSource & { name: string } {
  const name = basename(filePath);
  const check = (path: string) => {
    if (path !== name) throw new Error(`singleFileSource(${filePath}) has no file ${path}`);
  };
  return {
    kind: "file",
    id: filePath,
    name,
    async listFiles() {
      return [{ path: name, size: (await stat(filePath)).size }];
    },
    async readText(path) {
      check(path);
      const handle = await open(filePath);
      try {
        return await handle.readFile("utf8");
      } finally {
        await handle.close();
      }
    },
    async readRange(path, start, end) {
      check(path);
      const handle = await open(filePath);
      try {
        return await readAt(handle, start, end);
      } finally {
        await handle.close();
      }
    },
    async sha256(path) {
      check(path);
      const hash = createHash("sha256");
      const handle = await open(filePath);
      try {
        for await (const chunk of handle.createReadStream()) hash.update(chunk as Buffer);
      } finally {
        await handle.close();
      }
      return hash.digest("hex");
    },
  };
}

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
