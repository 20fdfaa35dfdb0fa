import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { join } from "node:path";
import { memoizeSource, SourceReadError, type ModelSource } from "../../src/sources/index.js";
import { createLocalFolderSource } from "../../src/sources/node.js";
import { makeTempDir, removeDir, writeOldFile } from "./helpers.js";

let dir: string;
let release: string;

beforeAll(async () => {
  dir = await makeTempDir("omrl-memo-");
  release = join(dir, "release");
  await writeOldFile(join(release, "README.md"), "---\nlicense: mit\n---\n# Model\n");
  await writeOldFile(join(release, "omrl.json"), "x".repeat(100));
  await writeOldFile(join(release, "model.safetensors"), new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]));
});
afterAll(() => removeDir(dir));

/** A real local folder source that counts the calls that reach it. */
function counted(source: ModelSource) {
  const calls: string[] = [];
  const wrapped: ModelSource = {
    kind: source.kind,
    id: source.id,
    revision: source.revision,
    listFiles: () => (calls.push("list"), source.listFiles()),
    readText: (path, options) => (calls.push(`text ${path} ${options?.maxBytes ?? "-"}`), source.readText(path, options)),
    readRange: (path, start, end) => (calls.push(`range ${path} ${start}-${end}`), source.readRange(path, start, end)),
    sha256: (path, options) => (calls.push(`sha256 ${path}`), source.sha256!(path, options)),
  };
  return { wrapped, calls };
}

describe("memoizeSource", () => {
  test("lists once and reads each text file once per bound; ranges and digests pass through", async () => {
    const { wrapped, calls } = counted(createLocalFolderSource(release, { cache: false }));
    const source = memoizeSource(wrapped);
    expect(source).toMatchObject({ kind: "local", id: wrapped.id, revision: undefined, inner: wrapped });

    const [a, b] = await Promise.all([source.listFiles(), source.listFiles()]);
    expect(a.map((f) => f.path)).toEqual(["README.md", "model.safetensors", "omrl.json"]);
    expect(b).toEqual(a);
    // each caller gets its own copy of the listing
    a[0]!.size = -1;
    expect((await source.listFiles())[0]!.size).toBe(b[0]!.size);

    expect(await source.readText("README.md")).toBe("---\nlicense: mit\n---\n# Model\n");
    expect(await source.readText("README.md")).toBe("---\nlicense: mit\n---\n# Model\n");
    expect(await source.readText("missing.md")).toBeUndefined();
    expect(await source.readText("missing.md")).toBeUndefined();
    expect(await source.readText("omrl.json", { maxBytes: 1000 })).toHaveLength(100);
    expect(await source.readText("omrl.json", { maxBytes: 1000 })).toHaveLength(100);
    expect(await source.readRange("model.safetensors", 2, 5)).toEqual(new Uint8Array([3, 4, 5]));
    expect(await source.readRange("model.safetensors", 2, 5)).toEqual(new Uint8Array([3, 4, 5]));
    const digest = await source.sha256!("model.safetensors");
    expect(await source.sha256!("model.safetensors")).toBe(digest);

    expect(calls).toEqual([
      "list",
      "text README.md -",
      "text missing.md -",
      "text omrl.json 1000",
      "range model.safetensors 2-5",
      "range model.safetensors 2-5",
      "sha256 model.safetensors",
      "sha256 model.safetensors",
    ]);
  });

  test("a read with another bound is its own read: a file over one bound and under another gets each answer", async () => {
    const { wrapped, calls } = counted(createLocalFolderSource(release, { cache: false }));
    const source = memoizeSource(wrapped);
    const tooLarge = source.readText("omrl.json", { maxBytes: 10 });
    await expect(tooLarge).rejects.toBeInstanceOf(SourceReadError);
    await expect(tooLarge).rejects.toMatchObject({ reason: "too-large" });
    expect(await source.readText("omrl.json")).toHaveLength(100);
    // the same failure answers the same read again, without reading
    await expect(source.readText("omrl.json", { maxBytes: 10 })).rejects.toMatchObject({ reason: "too-large" });
    expect(calls).toEqual(["text omrl.json 10", "text omrl.json -"]);
  });

  test("a failed listing is remembered too, and a memoized source is not wrapped twice", async () => {
    const { wrapped, calls } = counted(createLocalFolderSource(join(dir, "no-such-folder"), { cache: false }));
    const source = memoizeSource(wrapped);
    await expect(source.listFiles()).rejects.toMatchObject({ reason: "missing" });
    await expect(source.listFiles()).rejects.toMatchObject({ reason: "missing" });
    expect(calls).toEqual(["list"]);
    expect(memoizeSource(source)).toBe(source);
  });

  test("a source without sha256 stays without it", () => {
    const { wrapped } = counted(createLocalFolderSource(release, { cache: false }));
    const { sha256: _sha256, ...rest } = wrapped;
    expect(memoizeSource(rest as ModelSource).sha256).toBeUndefined();
  });
});
