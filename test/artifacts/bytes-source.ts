import { createHash } from "node:crypto";
import { open, readdir, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type { ModelSource, SourceFile } from "../../src/sources/index.js";

/** A `ModelSource` over in-memory files, for tests that build hostile bytes themselves. */
export function bytesSource(files: Record<string, Uint8Array | string>): ModelSource & { reads: Array<[string, number, number]> } {
  const encoded = new Map(
    Object.entries(files).map(([path, data]) => [path, typeof data === "string" ? new TextEncoder().encode(data) : data]),
  );
  const reads: Array<[string, number, number]> = [];
  const get = (path: string) => {
    const data = encoded.get(path);
    if (!data) throw new Error(`no such file: ${path}`);
    return data;
  };
  return {
    kind: "memory",
    id: "memory:",
    reads,
    async listFiles(): Promise<SourceFile[]> {
      return [...encoded].map(([path, data]) => ({ path, size: data.length }));
    },
    async readText(path) {
      const data = encoded.get(path);
      return data ? new TextDecoder().decode(data) : undefined;
    },
    async readRange(path, start, end) {
      reads.push([path, start, end]);
      const data = get(path);
      return data.slice(Math.min(start, data.length), Math.min(end, data.length));
    },
    async sha256(path) {
      return createHash("sha256").update(get(path)).digest("hex");
    },
  };
}

/** A `ModelSource` over a folder on disk (test-only stand-in for the real local-folder source). */
export function folderSource(root: string): ModelSource {
  return {
    kind: "local",
    id: root,
    async listFiles() {
      const out: SourceFile[] = [];
      const walk = async (dir: string) => {
        for (const entry of await readdir(dir, { withFileTypes: true })) {
          const full = join(dir, entry.name);
          if (entry.isDirectory()) await walk(full);
          else if (entry.isFile()) out.push({ path: relative(root, full).split(sep).join("/"), size: (await stat(full)).size });
        }
      };
      await walk(root);
      return out;
    },
    async readText(path) {
      try {
        const handle = await open(join(root, path));
        try {
          return await handle.readFile("utf8");
        } finally {
          await handle.close();
        }
      } catch {
        return undefined;
      }
    },
    async readRange(path, start, end) {
      const handle = await open(join(root, path));
      try {
        const size = (await handle.stat()).size;
        const stop = Math.min(end, size);
        if (stop <= start) return new Uint8Array(0);
        const buffer = new Uint8Array(stop - start);
        let done = 0;
        while (done < buffer.length) {
          const { bytesRead } = await handle.read(buffer, done, buffer.length - done, start + done);
          if (bytesRead === 0) break;
          done += bytesRead;
        }
        return buffer.subarray(0, done);
      } finally {
        await handle.close();
      }
    },
  };
}

export const SHARED_ARTIFACTS = "/work/shared/data/artifacts";
export const SHARED_CARDS = "/work/shared/data/cards";
