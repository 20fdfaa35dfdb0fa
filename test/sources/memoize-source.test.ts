import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { join } from "node:path";
import { memoizeSource, MEMOIZED_PREFIX_BYTES, SourceReadError, type ModelSource } from "../../src/sources/index.js";
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
  await writeOldFile(join(release, "big.bin"), pattern(MEMOIZED_PREFIX_BYTES + 100));
  await writeOldFile(join(release, "bom.md"), `\uFEFF${"y".repeat(20)}`);
});

const pattern = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7) & 0xff);
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
  test("lists once and reads each text file once per bound; ranges not from the start and digests pass through", async () => {
    const { wrapped, calls } = counted(createLocalFolderSource(release, { cache: false }));
    const source = memoizeSource(wrapped);
    expect(source).toMatchObject({ kind: "local", id: wrapped.id, revision: undefined, inner: wrapped });

    const [a, b] = await Promise.all([source.listFiles(), source.listFiles()]);
    expect(a.map((f) => f.path)).toEqual(["README.md", "big.bin", "bom.md", "model.safetensors", "omrl.json"]);
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

  test("a read under another bound reuses an earlier read only when that answers it exactly", async () => {
    const { wrapped, calls } = counted(createLocalFolderSource(release, { cache: false }));
    const source = memoizeSource(wrapped);
    // within both bounds: the default-bound read is answered by the bounded one
    expect(await source.readText("omrl.json", { maxBytes: 1000 })).toHaveLength(100);
    expect(await source.readText("omrl.json")).toHaveLength(100);
    // a smaller bound than the text: a read of its own, which refuses it
    await expect(source.readText("omrl.json", { maxBytes: 50 })).rejects.toMatchObject({ reason: "too-large" });
    // a missing file is missing under any bound
    expect(await source.readText("nothing.md", { maxBytes: 10 })).toBeUndefined();
    expect(await source.readText("nothing.md")).toBeUndefined();
    // 23 bytes on disk (a byte-order mark the decoder drops, then 20 characters): 22 is too few, so it is read again and refused
    expect(await source.readText("bom.md")).toBe("y".repeat(20));
    await expect(source.readText("bom.md", { maxBytes: 22 })).rejects.toMatchObject({ reason: "too-large" });
    expect(calls).toEqual(["text omrl.json 1000", "text omrl.json 50", "text nothing.md 10", "text bom.md -", "text bom.md 22"]);
  });

  test("reads a file's first 64 KiB once for ranges inside them; other ranges pass through", async () => {
    const { wrapped, calls } = counted(createLocalFolderSource(release, { cache: false }));
    const source = memoizeSource(wrapped);
    const all = pattern(MEMOIZED_PREFIX_BYTES + 100);
    expect(await source.readRange("big.bin", 0, 8)).toEqual(all.slice(0, 8));
    const header = await source.readRange("big.bin", 8, 4000);
    expect(header).toEqual(all.slice(8, 4000));
    header.fill(0); // a copy: the next caller still sees the file
    expect(await source.readRange("big.bin", 8, 4000)).toEqual(all.slice(8, 4000));
    expect(await source.readRange("big.bin", MEMOIZED_PREFIX_BYTES - 4, MEMOIZED_PREFIX_BYTES + 4)).toEqual(all.slice(MEMOIZED_PREFIX_BYTES - 4, MEMOIZED_PREFIX_BYTES + 4));
    // a short file ends inside the prefix: ranges past its end are short or empty, as the file is
    expect(await source.readRange("model.safetensors", 0, 4)).toEqual(new Uint8Array([1, 2, 3, 4]));
    expect(await source.readRange("model.safetensors", 6, 20)).toEqual(new Uint8Array([7, 8]));
    expect(await source.readRange("model.safetensors", 20, 30)).toEqual(new Uint8Array([]));
    // a first read past the prefix, or not from the start, is not cached
    expect(await source.readRange("omrl.json", 0, MEMOIZED_PREFIX_BYTES + 1)).toHaveLength(100);
    // bad ranges are the source's to refuse
    await expect(source.readRange("big.bin", 5, 2)).rejects.toBeInstanceOf(SourceReadError);
    await expect(source.readRange("no-such.bin", 0, 8)).rejects.toMatchObject({ reason: "missing" });
    await expect(source.readRange("no-such.bin", 0, 8)).rejects.toMatchObject({ reason: "missing" });
    expect(calls).toEqual([
      `range big.bin 0-${MEMOIZED_PREFIX_BYTES}`,
      `range big.bin ${MEMOIZED_PREFIX_BYTES - 4}-${MEMOIZED_PREFIX_BYTES + 4}`,
      `range model.safetensors 0-${MEMOIZED_PREFIX_BYTES}`,
      `range omrl.json 0-${MEMOIZED_PREFIX_BYTES + 1}`,
      "range big.bin 5-2",
      `range no-such.bin 0-${MEMOIZED_PREFIX_BYTES}`,
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
