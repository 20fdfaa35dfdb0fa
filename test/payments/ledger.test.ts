import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { openFileLedger, parseLedgerText, PaymentLedgerError, type PaymentLedgerEntry } from "../../src/node.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "omrl-ledger-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const entry = (key: string, status: PaymentLedgerEntry["status"], extra: Partial<PaymentLedgerEntry> = {}): PaymentLedgerEntry => ({
  key,
  statementHash: `0x${"ab".repeat(32)}`,
  obligationId: key.split(":")[1] ?? "o",
  payee: "0x4444444444444444444444444444444444444444",
  amount: "100",
  chainId: 31337,
  status,
  at: "2026-11-01T00:00:00.000Z",
  ...extra,
});

describe("file ledger", () => {
  test("appends JSON lines, latest entry per key wins, survives reopening", async () => {
    const path = join(dir, "s.json.ledger.jsonl");
    const ledger = await openFileLedger(path);
    expect((await ledger.load()).size).toBe(0);
    await ledger.append(entry("h:a:p", "pending", { transactionHash: `0x${"01".repeat(32)}` }));
    await ledger.append(entry("h:b:p", "pending"));
    await ledger.append(entry("h:a:p", "confirmed", { transactionHash: `0x${"01".repeat(32)}`, blockNumber: "7" }));
    const text = await readFile(path, "utf8");
    expect(text.trim().split("\n")).toHaveLength(3);
    const reopened = await openFileLedger(path);
    const map = await reopened.load();
    expect(map.get("h:a:p")?.status).toBe("confirmed");
    expect(map.get("h:a:p")?.blockNumber).toBe("7");
    expect(map.get("h:b:p")?.status).toBe("pending");
  });

  test("a torn last line is ignored; a corrupt line before the end is an error with its line number", async () => {
    const good = JSON.stringify(entry("h:a:p", "confirmed"));
    expect(parseLedgerText(`${good}\n{"key":"h:b:p","stat`, "l.jsonl")).toHaveLength(1);
    expect(() => parseLedgerText(`${good}\n{"key":\n${good}\n`, "l.jsonl")).toThrow(PaymentLedgerError);
    expect(() => parseLedgerText(`${good}\n{"key":\n${good}\n`, "l.jsonl")).toThrow(/^l\.jsonl:2: line is not JSON/);
    expect(() => parseLedgerText(`{"some":"object"}\n${good}\n`, "l.jsonl")).toThrow(/l\.jsonl:1: line is not a ledger entry/);

    const path = join(dir, "torn.jsonl");
    await writeFile(path, `${good}\n{"key":"h:b:p","status":"confi`);
    const ledger = await openFileLedger(path);
    expect([...(await ledger.load()).keys()]).toEqual(["h:a:p"]);
    await ledger.append(entry("h:b:p", "confirmed"));
    // The rewrite drops the torn tail and leaves only whole lines.
    const lines = (await readFile(path, "utf8")).trim().split("\n");
    expect(lines.map((l) => JSON.parse(l).key)).toEqual(["h:a:p", "h:b:p"]);
  });

  test("the lock keeps a second run out and is taken over when its process is gone", async () => {
    const path = join(dir, "locked.jsonl");
    const first = await openFileLedger(path);
    const release = await first.lock();
    const second = await openFileLedger(path);
    await expect(second.lock()).rejects.toThrow(/another payment run \(pid \d+\) holds the ledger lock/);
    await release();
    const releaseSecond = await second.lock();
    await releaseSecond();
    // A stale lock (a pid that does not exist) is taken over.
    await writeFile(`${path}.lock`, "2147483646");
    const releaseStale = await second.lock();
    await releaseStale();
  });
});
