// Artifact benchmarks (npm run bench -- artifacts):
//   1. weightsDigest of a 512 MiB safetensors file over 8 MiB readRange chunks, with the portable
//      default (@noble/hashes) and with nodeSha256, each vs node:crypto streaming sha256 over the
//      same data section (the floor for one pass on this machine);
//   2. stampArtifactFile on that file (new header, data copied + hashed, fsync, re-hash, rename)
//      vs copying the file with node:fs copyFile (the floor for rewriting it once).
// Files live under .bench-tmp/artifacts (gitignored) and are deleted at the end or on exit.
import { createHash, randomFillSync } from "node:crypto";
import { closeSync, copyFileSync, createReadStream, mkdirSync, openSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createSingleFileSource, nodeSha256, stampArtifactFile, weightsDigest } from "../../dist/node.js";

const MiB = 1 << 20;
const DATA = 512 * MiB;
const dir = fileURLToPath(new URL("../../.bench-tmp/artifacts/", import.meta.url));
const file = join(dir, "model.safetensors");
let dataOffset = 0;

function writeModel(path) {
  const header = JSON.stringify({ "__metadata__": { format: "pt" }, w: { dtype: "U8", shape: [DATA], data_offsets: [0, DATA] } });
  const padded = header + " ".repeat((8 - (header.length % 8)) % 8);
  const prefix = Buffer.alloc(8);
  prefix.writeBigUInt64LE(BigInt(padded.length));
  const fd = openSync(path, "w");
  try {
    writeSync(fd, prefix);
    writeSync(fd, Buffer.from(padded));
    const chunk = Buffer.allocUnsafe(64 * MiB);
    for (let done = 0; done < DATA; done += chunk.length) {
      randomFillSync(chunk);
      writeSync(fd, chunk, 0, Math.min(chunk.length, DATA - done));
    }
  } finally {
    closeSync(fd);
  }
  return 8 + padded.length;
}

function setup() {
  mkdirSync(dir, { recursive: true });
  dataOffset = writeModel(file);
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  return {};
}

function nodeHash(path, start) {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    createReadStream(path, { start, highWaterMark: 8 * MiB })
      .on("data", (chunk) => hash.update(chunk))
      .on("end", () => resolve(hash.digest("hex")))
      .on("error", reject);
  });
}

let counter = 0;
export default [
  {
    name: "artifacts: weightsDigest 512 MiB safetensors, @noble/hashes",
    iterations: 3,
    setup,
    async run() {
      const source = createSingleFileSource(file, { cache: false });
      const { digest } = await weightsDigest(source, source.name);
      return { digest: digest.slice(0, 12) };
    },
    anchor: { name: "node:crypto sha256 stream of the same bytes", run: async () => ({ digest: (await nodeHash(file, dataOffset)).slice(0, 12) }) },
    teardown: () => {},
  },
  {
    name: "artifacts: weightsDigest 512 MiB safetensors, nodeSha256",
    iterations: 3,
    setup: () => {
      mkdirSync(dir, { recursive: true });
      if (dataOffset === 0) dataOffset = writeModel(file);
      return {};
    },
    async run() {
      const source = createSingleFileSource(file, { cache: false });
      const { digest } = await weightsDigest(source, source.name, { createHash: nodeSha256 });
      return { digest: digest.slice(0, 12) };
    },
    anchor: { name: "node:crypto sha256 stream of the same bytes", run: async () => ({ digest: (await nodeHash(file, dataOffset)).slice(0, 12) }) },
  },
  {
    name: "artifacts: stampArtifactFile 512 MiB safetensors",
    iterations: 3,
    setup: () => {
      mkdirSync(dir, { recursive: true });
      if (dataOffset === 0) dataOffset = writeModel(file);
      return {};
    },
    async run() {
      // a fresh hash each time, so every run really rewrites the file
      const termsCoreHash = `0x${(++counter).toString(16).padStart(64, "0")}`;
      const result = await stampArtifactFile(file, { termsCoreHash });
      return { changed: result.changed };
    },
    anchor: { name: "fs.copyFileSync of the same file", run: () => void copyFileSync(file, `${file}.copy`) },
    teardown: () => rmSync(dir, { recursive: true, force: true }),
  },
];
