import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { fsErrorToSourceReadError } from "./errors.js";
import { hashWorkerSource } from "./worker-source.js";

/** Bytes per read. 1 MiB measured fastest on the project machine (64 KiB – 4 MiB are within 5%). */
export const DIGEST_CHUNK_SIZE = 1 << 20;
/** A worker reports progress after this many bytes. */
const REPORT_EVERY = 32 << 20;
/** Upper bound on workers, whatever `concurrency` asks for. */
const MAX_WORKERS = 64;

type HashJob = {
  path: string;
  onBytes: ((bytes: number) => void) | undefined;
  resolve: (result: { sha256: string; bytes: number }) => void;
  reject: (error: unknown) => void;
};
type Slot = { worker: Worker; job: HashJob | undefined };
type WorkerMessage =
  | { type: "progress"; bytes: number }
  | { type: "done"; sha256: string; bytes: number; unreported: number }
  | { type: "error"; code: string | undefined; message: string };

/**
 * A pool of hashing worker threads, created lazily and kept for the life of the process. Idle
 * workers are `unref`'d, so they never keep a program alive; a busy one is `ref`'d.
 */
export class HashWorkerPool {
  readonly #slots: Slot[] = [];
  readonly #queue: HashJob[] = [];
  #size: number;

  constructor(size: number = availableParallelism()) {
    this.#size = clampSize(size);
  }

  /** How many workers the pool may run at once. */
  get size(): number {
    return this.#size;
  }

  /** Lets the pool run up to `size` workers (never shrinks). */
  grow(size: number): void {
    this.#size = Math.max(this.#size, clampSize(size));
    this.#pump();
  }

  /** The sha256 (lower-case hex) and length of a file, hashed on a worker thread. */
  hash(path: string, onBytes?: (bytes: number) => void): Promise<{ sha256: string; bytes: number }> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ path, onBytes, resolve, reject });
      this.#pump();
    });
  }

  /** Terminates every worker; queued and running jobs are rejected. */
  async close(): Promise<void> {
    const slots = this.#slots.splice(0);
    const queued = this.#queue.splice(0);
    for (const job of queued) job.reject(new Error("digest worker pool closed"));
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  #pump(): void {
    while (this.#queue.length > 0) {
      let slot = this.#slots.find((s) => s.job === undefined);
      if (!slot && this.#slots.length < this.#size) slot = this.#spawn();
      if (!slot) return;
      const job = this.#queue.shift()!;
      slot.job = job;
      slot.worker.ref();
      slot.worker.postMessage({ path: job.path, chunkSize: DIGEST_CHUNK_SIZE, reportEvery: REPORT_EVERY });
    }
  }

  #spawn(): Slot {
    const worker = new Worker(hashWorkerSource, { eval: true });
    const slot: Slot = { worker, job: undefined };
    worker.on("message", (message: WorkerMessage) => {
      const job = slot.job;
      if (!job) return;
      if (message.type === "progress") {
        job.onBytes?.(message.bytes);
        return;
      }
      slot.job = undefined;
      worker.unref();
      if (message.type === "done") {
        if (message.unreported > 0) job.onBytes?.(message.unreported);
        job.resolve({ sha256: message.sha256, bytes: message.bytes });
      } else {
        job.reject(fsErrorToSourceReadError(Object.assign(new Error(message.message), { code: message.code }), job.path));
      }
      this.#pump();
    });
    const retire = (error: unknown) => {
      const index = this.#slots.indexOf(slot);
      if (index >= 0) this.#slots.splice(index, 1);
      const job = slot.job;
      slot.job = undefined;
      job?.reject(error);
      this.#pump();
    };
    worker.on("error", retire);
    worker.on("exit", (code) => retire(new Error(`digest worker exited with code ${code}`)));
    worker.unref();
    this.#slots.push(slot);
    return slot;
  }
}

function clampSize(size: number): number {
  if (!Number.isFinite(size) || size < 1) return 1;
  return Math.min(Math.floor(size), MAX_WORKERS);
}

let shared: HashWorkerPool | undefined;

/** The process-wide pool (`os.availableParallelism()` workers), shared by every digest call. */
export function getSharedHashWorkerPool(): HashWorkerPool {
  shared ??= new HashWorkerPool();
  return shared;
}

/**
 * Terminates the shared digest workers. Never needed for a program to exit (idle workers are
 * unref'd); useful in a long-lived service that wants the threads back.
 *
 * @example
 * await closeDigestWorkers()
 */
export async function closeDigestWorkers(): Promise<void> {
  const pool = shared;
  shared = undefined;
  await pool?.close();
}
