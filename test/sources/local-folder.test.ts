import { readFile, symlink, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  createDigestCache,
  createLocalFolderSource,
  createSingleFileSource,
  openLocalSource,
  SymlinkEscapeError,
} from "../../src/sources/node.js";
import { SourceReadError } from "../../src/sources/index.js";
import { ARTIFACTS_DIR, makeTempDir, pseudoRandomBytes, removeDir, sha256Hex, writeOldFile } from "./helpers.js";

let dir: string;
let release: string;
let outside: string;
const weights = pseudoRandomBytes(3 * 1024 * 1024 + 11, 5);

beforeAll(async () => {
  dir = await makeTempDir("omrl-local-");
  release = join(dir, "release");
  outside = join(dir, "outside");
  await writeOldFile(join(release, "README.md"), "---\nlicense: other\n---\n# Model\n");
  await writeOldFile(join(release, "omrl.json"), '{"omrl":"1.0"}');
  await writeOldFile(join(release, ".gitattributes"), "*.safetensors filter=lfs\n");
  await writeOldFile(join(release, "model.safetensors"), weights);
  await writeOldFile(join(release, "sub", "deeper", "config.json"), "{}");
  await writeOldFile(join(release, ".git", "HEAD"), "ref: refs/heads/main\n");
  await writeOldFile(join(release, "node_modules", "x", "index.js"), "");
  await writeOldFile(join(release, ".cache", "huggingface", "blob"), "cached");
  await writeOldFile(join(outside, "secret.txt"), "do not read");
});
afterAll(() => removeDir(dir));

const cache = () => createDigestCache({ dir: join(dir, "cache") });

describe("LocalFolderSource", () => {
  test("lists every release file with / paths, sorted, skipping .git, node_modules and dot-folders", async () => {
    const source = createLocalFolderSource(release, { cache: false });
    expect(source.kind).toBe("local");
    expect(source.id).toBe(release);
    const files = await source.listFiles();
    expect(files).toEqual([
      { path: ".gitattributes", size: 25, sha256: undefined },
      { path: "README.md", size: 31, sha256: undefined },
      { path: "model.safetensors", size: weights.length, sha256: undefined },
      { path: "omrl.json", size: 14, sha256: undefined },
      { path: "sub/deeper/config.json", size: 2, sha256: undefined },
    ]);
  });

  test("a custom ignore can keep dot-folders and drop others", async () => {
    const source = createLocalFolderSource(release, { cache: false, ignoreDirectory: (name) => name === "sub" || name === ".git" });
    const paths = (await source.listFiles()).map((f) => f.path);
    expect(paths).toContain(".cache/huggingface/blob");
    expect(paths).toContain("node_modules/x/index.js");
    expect(paths).not.toContain("sub/deeper/config.json");
    expect(paths).not.toContain(".git/HEAD");
  });

  test("readText returns text, undefined when missing, and refuses large files and bad paths", async () => {
    const source = createLocalFolderSource(release, { cache: false });
    expect(await source.readText("omrl.json")).toBe('{"omrl":"1.0"}');
    expect(await source.readText("sub/deeper/config.json")).toBe("{}");
    expect(await source.readText("LICENSE.md")).toBeUndefined();
    expect(await source.readText("sub/missing/x.txt")).toBeUndefined();
    expect(await source.readText(".git/HEAD")).toBeUndefined(); // not part of the release
    await expect(source.readText("README.md", { maxBytes: 10 })).rejects.toMatchObject({ reason: "too-large", path: "README.md" });
    for (const bad of ["../outside/secret.txt", "/etc/passwd", "sub//x", "./omrl.json", ""])
      await expect(source.readText(bad)).rejects.toMatchObject({ name: "SourceReadError", reason: "invalid" });
    await expect(source.readText("sub")).rejects.toMatchObject({ reason: "invalid" });
  });

  test("readRange reads positionally and clamps at the end of the file", async () => {
    const source = createLocalFolderSource(release, { cache: false });
    expect(await source.readRange("model.safetensors", 0, 8)).toEqual(weights.subarray(0, 8));
    expect(await source.readRange("model.safetensors", 1_000_000, 1_000_100)).toEqual(weights.subarray(1_000_000, 1_000_100));
    expect(await source.readRange("model.safetensors", weights.length - 3, weights.length + 50)).toEqual(weights.subarray(-3));
    expect((await source.readRange("model.safetensors", weights.length + 10, weights.length + 20)).length).toBe(0);
    await expect(source.readRange("model.safetensors", 5, 4)).rejects.toMatchObject({ reason: "invalid" });
    await expect(source.readRange("model.safetensors", -1, 4)).rejects.toMatchObject({ reason: "invalid" });
    await expect(source.readRange("nope.bin", 0, 4)).rejects.toMatchObject({ reason: "missing", path: "nope.bin" });
  });

  test("sha256 streams once, then comes from the cache; listFiles then knows it", async () => {
    const source = createLocalFolderSource(release, { cache: cache() });
    expect(await source.sha256("model.safetensors")).toBe(sha256Hex(weights));
    expect(source.digestStats).toMatchObject({ filesHashed: 1, cacheHits: 0 });
    const listed = await source.listFiles();
    expect(listed.find((f) => f.path === "model.safetensors")?.sha256).toBe(sha256Hex(weights));
    expect(listed.find((f) => f.path === "README.md")?.sha256).toBeUndefined();

    const next = createLocalFolderSource(release, { cache: cache() });
    const all = await Promise.all(["model.safetensors", "README.md", "omrl.json"].map((p) => next.sha256(p)));
    expect(all[0]).toBe(sha256Hex(weights));
    expect(all[2]).toBe(sha256Hex('{"omrl":"1.0"}'));
    expect(next.digestStats).toMatchObject({ filesHashed: 2, cacheHits: 1 });
    await expect(next.sha256("nope.bin")).rejects.toMatchObject({ reason: "missing" });
  });

  test("a symlink inside the folder is followed; one escaping it is refused", async () => {
    const linked = join(dir, "linked");
    await writeOldFile(join(linked, "real", "weights.bin"), "abc");
    await symlink("real/weights.bin", join(linked, "alias.bin"));
    await symlink("real", join(linked, "dirlink"));
    await symlink(".", join(linked, "real", "loop")); // cycles must not loop
    await mkdir(join(linked, "a"));
    await mkdir(join(linked, "b"));
    await symlink("../b", join(linked, "a", "to-b"));
    await symlink("../a", join(linked, "b", "to-a"));
    await symlink("missing-target", join(linked, "dangling"));
    const source = createLocalFolderSource(linked, { cache: false });
    const paths = (await source.listFiles()).map((f) => f.path);
    expect(paths).toEqual(["alias.bin", "dirlink/weights.bin", "real/weights.bin"]);
    expect(await source.readText("dirlink/loop/loop/weights.bin")).toBe("abc"); // reading follows links within the folder
    expect(await source.readText("alias.bin")).toBe("abc");

    await symlink("../outside/secret.txt", join(linked, "escape.txt"));
    const escaping = createLocalFolderSource(linked, { cache: false });
    await expect(escaping.listFiles()).rejects.toBeInstanceOf(SymlinkEscapeError);
    await expect(escaping.listFiles()).rejects.toMatchObject({ reason: "symlink-escape", path: "escape.txt" });
    await expect(escaping.readText("escape.txt")).rejects.toBeInstanceOf(SymlinkEscapeError);
    await expect(escaping.readRange("escape.txt", 0, 2)).rejects.toBeInstanceOf(SourceReadError);
    await expect(escaping.sha256("escape.txt")).rejects.toBeInstanceOf(SymlinkEscapeError);

    // Opened with a wider boundary (as for a Hugging Face cache snapshot), the link is followed.
    const widened = createLocalFolderSource(linked, { cache: false, symlinkRoot: dir });
    expect(await widened.readText("escape.txt")).toBe("do not read");
    expect((await widened.listFiles()).map((f) => f.path)).toContain("escape.txt");
  });

  test("a folder with more files than maxFiles is refused", async () => {
    const source = createLocalFolderSource(release, { cache: false, maxFiles: 3 });
    await expect(source.listFiles()).rejects.toMatchObject({ reason: "too-large" });
  });

  test("lists the real artifacts with the sizes and digests of SHA256SUMS", async () => {
    const sums = new Map(
      (await readFile(join(ARTIFACTS_DIR, "SHA256SUMS"), "utf8"))
        .trim()
        .split("\n")
        .map((line) => {
          const [sha256, path] = line.split(/\s+\*?/);
          return [path!.replace(/^\.\//, ""), sha256!] as const;
        }),
    );
    const source = createLocalFolderSource(ARTIFACTS_DIR, { cache: cache() });
    const files = await source.listFiles();
    const weightsFiles = files.filter((f) => /\.(safetensors|gguf)$/.test(f.path));
    expect(weightsFiles.map((f) => f.path).sort()).toEqual([...sums.keys()].filter((p) => /\.(safetensors|gguf)$/.test(p)).sort());
    const digests = await Promise.all(weightsFiles.map((f) => source.sha256(f.path)));
    expect(digests).toEqual(weightsFiles.map((f) => sums.get(f.path)));
    expect(await source.readText("NOTES.md")).toContain("# Notes on the real artifacts");
  });
});

describe("SingleFileSource and openLocalSource", () => {
  const gguf = join(ARTIFACTS_DIR, "gguf-ollama", "llama-2-tiny-random.gguf");

  test("a single .gguf file is a release of one file", async () => {
    const source = createSingleFileSource(gguf, { cache: cache() });
    expect(source.kind).toBe("file");
    const files = await source.listFiles();
    expect(files).toHaveLength(1);
    expect(files[0]!.path).toBe("llama-2-tiny-random.gguf");
    expect(files[0]!.size).toBe(1_750_560);
    expect(new TextDecoder().decode(await source.readRange("llama-2-tiny-random.gguf", 0, 4))).toBe("GGUF");
    expect(await source.sha256("llama-2-tiny-random.gguf")).toBe("81f226c62d28ed4a1a9b9fa080fcd9f0cc40e0f9d5680036583ff98fbcd035cb");
    expect(await source.readText("README.md")).toBeUndefined();
    await expect(source.readRange("other.gguf", 0, 4)).rejects.toMatchObject({ reason: "missing" });
  });

  test("openLocalSource picks folder or file, and a missing path is SourceReadError 'missing'", async () => {
    expect((await openLocalSource(release, { cache: false })).kind).toBe("local");
    const file = await openLocalSource(join(release, "model.safetensors"), { cache: false });
    expect(file.kind).toBe("file");
    expect(await file.sha256("model.safetensors")).toBe(sha256Hex(weights));
    const missing = openLocalSource(join(dir, "no-such-model"));
    await expect(missing).rejects.toBeInstanceOf(SourceReadError);
    await expect(missing).rejects.toMatchObject({ reason: "missing" });
    await mkdir(join(dir, "later"));
    const later = createLocalFolderSource(join(dir, "gone"), { cache: false });
    await expect(later.listFiles()).rejects.toMatchObject({ reason: "missing" });
  });
});
