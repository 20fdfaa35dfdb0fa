import { open, readFile, rm, stat } from "node:fs/promises";
import { writeFileAtomic } from "../../node/index.js";
import { PaymentLedgerError } from "../errors.js";
import { latestByKey, type PaymentLedger, type PaymentLedgerEntry } from "../ledger.js";

/** Largest ledger file read (a ledger holds a few lines per payee and run). */
const MAX_LEDGER_BYTES = 64 * 1024 * 1024;

export type FileLedger = PaymentLedger & {
  readonly path: string;
  /**
   * Takes `<path>.lock` so that two runs cannot pay the same statement at once; a lock left by a
   * process that no longer exists is taken over. Returns the release function.
   */
  lock(): Promise<() => Promise<void>>;
};

function isEntry(value: unknown): value is PaymentLedgerEntry {
  if (typeof value !== "object" || value === null) return false;
  const e = value as Record<string, unknown>;
  return (
    typeof e.key === "string" &&
    typeof e.obligationId === "string" &&
    typeof e.amount === "string" &&
    (e.status === "pending" || e.status === "confirmed" || e.status === "failed")
  );
}

/**
 * Parses ledger text: one JSON entry per line. A torn last line (a write cut short outside this
 * library) is ignored; any other bad line is an error, since guessing could pay twice.
 */
export function parseLedgerText(text: string, location = "ledger"): PaymentLedgerEntry[] {
  const lines = text.split("\n");
  const entries: PaymentLedgerEntry[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === "") return;
    const isLast = lines.slice(index + 1).every((rest) => rest.trim() === "");
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      if (isLast) return; // torn tail
      throw new PaymentLedgerError("line is not JSON", { location: `${location}:${index + 1}` });
    }
    if (!isEntry(parsed)) {
      if (isLast) return;
      throw new PaymentLedgerError("line is not a ledger entry", { location: `${location}:${index + 1}` });
    }
    entries.push(parsed);
  });
  return entries;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Opens (or creates on first append) a JSON-lines payment ledger. Every append rewrites the file
 * atomically (temporary file, fsync, rename), so a crash leaves the old or the new ledger.
 *
 * @example
 * const ledger = await openFileLedger("s.json.ledger.jsonl");
 * const release = await ledger.lock();
 * try { await sendPayments({ plan, walletClient, publicClient, ledger }); } finally { await release(); }
 */
export async function openFileLedger(path: string): Promise<FileLedger> {
  let lines: string[] = [];
  let entries: PaymentLedgerEntry[] = [];
  try {
    const info = await stat(path);
    if (info.size > MAX_LEDGER_BYTES)
      throw new PaymentLedgerError(`ledger is larger than ${MAX_LEDGER_BYTES} bytes`, { location: path });
    entries = parseLedgerText(await readFile(path, "utf8"), path);
    lines = entries.map((entry) => JSON.stringify(entry));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const lockPath = `${path}.lock`;
  return {
    path,
    async load() {
      return latestByKey(entries);
    },
    async append(entry) {
      const nextLines = [...lines, JSON.stringify(entry)];
      await writeFileAtomic(path, `${nextLines.join("\n")}\n`);
      lines = nextLines;
      entries = [...entries, entry];
    },
    async lock() {
      for (let attempt = 0; attempt < 2; attempt++) {
        try {
          const handle = await open(lockPath, "wx");
          await handle.writeFile(String(process.pid));
          await handle.close();
          return async () => {
            await rm(lockPath, { force: true });
          };
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
          const holder = Number((await readFile(lockPath, "utf8").catch(() => "")).trim());
          if (Number.isInteger(holder) && holder > 0 && processAlive(holder))
            throw new PaymentLedgerError(`another payment run (pid ${holder}) holds the ledger lock`, { location: lockPath });
          await rm(lockPath, { force: true }); // stale: its process is gone
        }
      }
      throw new PaymentLedgerError("could not take the ledger lock", { location: lockPath });
    },
  };
}
