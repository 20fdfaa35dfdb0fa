// Digest benchmarks (npm run bench -- digest):
//   1. one 1 GiB file: our digest (worker thread, 1 MiB reads, node:crypto) vs `openssl dgst -sha256`;
//   2. a 4-shard release (4 × 256 MiB): parallel workers vs one sequential `openssl dgst` over the shards;
//   3. the same release: worker threads vs main-thread async hashing (fs streams + createHash);
//   4. a second verify of the unchanged release (digest cache, read afresh from disk) vs the first.
// Files are written under .bench-tmp/digest (gitignored), dated an hour back (the cache does not
// remember files written in the last 2 s), and deleted at the end or on exit.
import { execFileSync } from "node:child_process";
import { createHash, randomFillSync } from "node:crypto";
import { createReadStream, mkdirSync, openSync, rmSync, utimesSync, writeSync, closeSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDigestCache, digestFiles } from "../../dist/node.js";

const MiB = 1 << 20;
const dir = fileURLToPath(new URL("../../.bench-tmp/digest/", import.meta.url));
const big = join(dir, "big.bin");
const shards = [1, 2, 3, 4].map((i) => join(dir, `model-0000${i}-of-00004.safetensors`));
let created = false;

function writeRandomFile(path, bytes) {
  const chunk = Buffer.allocUnsafe(64 * MiB);
  const fd = openSync(path, "w");
  try {
    for (let done = 0; done < bytes; done += chunk.length) {
      randomFillSync(chunk);
      writeSync(fd, chunk, 0, Math.min(chunk.length, bytes - done));
    }
  } finally {
    closeSync(fd);
  }
  const anHourAgo = new Date(Date.now() - 3_600_000);
  utimesSync(path, anHourAgo, anHourAgo);
}

function ensureFiles() {
  if (created) return;
  mkdirSync(dir, { recursive: true });
  writeRandomFile(big, 1024 * MiB);
  for (const shard of shards) writeRandomFile(shard, 256 * MiB);
  created = true;
  process.once("exit", cleanUp);
}

function cleanUp() {
  rmSync(dir, { recursive: true, force: true });
  created = false;
}

const openssl = (files) => {
  execFileSync("openssl", ["dgst", "-sha256", ...files], { stdio: ["ignore", "pipe", "inherit"] });
};

function mainThreadDigest(path) {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    createReadStream(path, { highWaterMark: MiB })
      .on("data", (chunk) => hash.update(chunk))
      .on("end", () => resolve(hash.digest("hex")))
      .on("error", reject);
  });
}

const throughput = (bytes, ms) => `${((bytes / MiB / ms) * 1000).toFixed(0)} MiB/s`;

export default [
  {
    name: "digest 1 GiB file vs openssl dgst -sha256",
    iterations: 5,
    setup: ensureFiles,
    run: async () => {
      await digestFiles([big], { cache: false });
    },
    anchor: { name: "openssl dgst -sha256", run: () => openssl([big]) },
    summarize: (r) => ({
      "our throughput": throughput(1024 * MiB, r.medianMs),
      "openssl throughput": throughput(1024 * MiB, r.anchorMedianMs),
      "throughput ratio (target >= 0.95)": (r.anchorMedianMs / r.medianMs).toFixed(3),
    }),
  },
  {
    name: `digest 4 × 256 MiB shards in parallel (${availableParallelism()} workers) vs sequential openssl`,
    iterations: 5,
    setup: ensureFiles,
    run: async () => {
      await digestFiles(shards, { cache: false });
    },
    anchor: { name: "openssl dgst -sha256 over the 4 shards", run: () => openssl(shards) },
    summarize: (r) => ({ "time ratio (target <= 0.6)": r.ratio }),
  },
  {
    name: "digest 4 shards: worker threads vs main-thread async hashing",
    iterations: 5,
    setup: ensureFiles,
    run: async () => {
      await digestFiles(shards, { cache: false });
    },
    anchor: { name: "fs.createReadStream + createHash on the main thread, 4 at once", run: () => Promise.all(shards.map(mainThreadDigest)) },
    summarize: (r) => ({ "workers / main thread": r.ratio }),
  },
  {
    name: "second verify of an unchanged 4-shard release (digest cache) vs the first",
    iterations: 5,
    setup: async () => {
      ensureFiles();
      const file = join(dir, "warm-cache", "digests.json");
      const first = await digestFiles(shards, { cache: createDigestCache({ file }) });
      if (first.stats.filesHashed !== shards.length) throw new Error("warm-up did not hash every shard");
      return { file, n: 0 };
    },
    // A new cache object each time, so the JSON is read from disk as the next `omrl verify` would.
    run: async (ctx) => {
      const { stats } = await digestFiles(shards, { cache: createDigestCache({ file: ctx.file }) });
      if (stats.filesHashed !== 0) throw new Error(`second verify hashed ${stats.filesHashed} files`);
      return { filesRead: stats.filesHashed };
    },
    anchor: {
      name: "first verify (empty cache)",
      run: async (ctx) => {
        const cache = createDigestCache({ file: join(dir, `cold-cache-${ctx.n++}`, "digests.json") });
        const { stats } = await digestFiles(shards, { cache });
        return { filesRead: stats.filesHashed };
      },
    },
    summarize: (r) => ({ "second / first (target <= 0.05)": r.ratio }),
    teardown: cleanUp,
  },
];
