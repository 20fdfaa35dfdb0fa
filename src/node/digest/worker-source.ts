/**
 * The source of a hashing worker, run with `new Worker(source, { eval: true })`. Inline rather than
 * a separate file so it works the same from `src/` (tests), from the ESM and CJS bundles, and from
 * any bundler that copies `omrl/node`, none of which agree on where a worker file would land.
 *
 * A worker takes one job at a time: `{ path, chunkSize, reportEvery }`. It reads the file with
 * blocking positional reads into one reusable buffer (on its own thread, so blocking costs
 * nothing) and feeds each chunk to OpenSSL's SHA-256 through `node:crypto`. It never holds more
 * than one chunk of the file. It posts `{ type: "progress", bytes }` every `reportEvery` bytes and
 * ends with `{ type: "done", sha256, bytes, unreported }` or `{ type: "error", code, message }`.
 */
export const hashWorkerSource = `
const { parentPort } = require("node:worker_threads");
const { openSync, readSync, closeSync } = require("node:fs");
const { createHash } = require("node:crypto");
let buffer = Buffer.alloc(0);
parentPort.on("message", (job) => {
  if (buffer.length !== job.chunkSize) buffer = Buffer.allocUnsafe(job.chunkSize);
  let fd;
  try {
    fd = openSync(job.path, "r");
    const hash = createHash("sha256");
    let bytes = 0;
    let unreported = 0;
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      hash.update(n === buffer.length ? buffer : buffer.subarray(0, n));
      bytes += n;
      unreported += n;
      if (unreported >= job.reportEvery) {
        parentPort.postMessage({ type: "progress", bytes: unreported });
        unreported = 0;
      }
    }
    parentPort.postMessage({ type: "done", sha256: hash.digest("hex"), bytes, unreported });
  } catch (error) {
    parentPort.postMessage({ type: "error", code: error && error.code, message: String(error && error.message) });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
});
`;
