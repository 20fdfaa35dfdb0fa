/** Per-phase progress with true rate and time left (issue 15): the bar, tagRelease's stamp bytes, inspect's in-file digest progress, --quiet. */
import { mkdtemp, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { inspect } from "../../src/inspect/index.js";
import { createProgressBar, isProgressEnabled } from "../../src/node/progress.js";
import { openLocalSource } from "../../src/node.js";
import { tagRelease, type TagProgress } from "../../src/tag/index.js";
import { buildRelease } from "../verify/fixtures.js";

const GiB = 1024 ** 3;

function terminal() {
  const writes: string[] = [];
  return { writes, stream: { isTTY: true, columns: 120, write: (chunk: string) => writes.push(chunk) } };
}

describe("progress bar phases", () => {
  it("counts rate and time left from the phase's first update, not from the command's start", () => {
    const { writes, stream } = terminal();
    let now = 0;
    const bar = createProgressBar({ stream, label: "stamp", env: {}, now: () => now });
    now = 16_000; // 16 s of silent work before the first byte is reported
    bar.update(0, 2 * GiB);
    now = 17_000;
    bar.update(1 * GiB, 2 * GiB);
    expect(writes.at(-1)).toMatch(/^\rstamp \[#+-+\]  50% 1\.0 GiB\/2\.0 GiB 1\.0 GiB\/s 1s left\x1b\[K$/);
    now = 18_000;
    bar.phase("sha256");
    bar.update(0, 2 * GiB);
    now = 20_000;
    bar.update(1 * GiB, 2 * GiB);
    expect(writes.at(-1)).toMatch(/^\rsha256 \[#+-+\]  50% 1\.0 GiB\/2\.0 GiB 512\.0 MiB\/s 2s left\x1b\[K$/);
    bar.finish();
  });

  it("is hidden by OMRL_QUIET (omrl --quiet)", () => {
    expect(isProgressEnabled({ isTTY: true, write: () => true }, { OMRL_QUIET: "1" })).toBe(false);
  });
});

describe("what feeds the bars", () => {
  it("tagRelease reports stamp progress in bytes copied, then digest progress", async () => {
    const dir = await buildRelease({ stamp: false, sign: false });
    try {
      const events: TagProgress[] = [];
      await tagRelease({ dir, stamp: true, cache: false, onProgress: (p) => events.push({ ...p }) });
      const stamp = events.filter((e) => e.phase === "stamp");
      const total = stamp[0]!.bytesTotal;
      expect(total).toBeGreaterThan(0);
      expect(stamp.map((e) => e.bytesDone)).toEqual([...stamp.map((e) => e.bytesDone)].sort((a, b) => a - b));
      expect(stamp.some((e) => e.bytesDone > 0 && e.bytesDone < total)).toBe(true);
      expect(stamp.at(-1)).toMatchObject({ bytesDone: total, filesDone: 1, filesTotal: 1 });
      const firstDigest = events.findIndex((e) => e.phase === "digest");
      expect(firstDigest).toBeGreaterThan(events.lastIndexOf(stamp.at(-1)!));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("inspect reports digest progress inside one large file, not only when it is done", async () => {
    const dir = await mkdtemp(join(tmpdir(), "omrl-progress-"));
    try {
      await writeFile(join(dir, "model.bin"), "");
      await truncate(join(dir, "model.bin"), 48 * 1024 * 1024);
      const seen: number[] = [];
      await inspect(await openLocalSource(dir, { cache: false }), { onDigestProgress: (done) => seen.push(done) });
      const total = 48 * 1024 * 1024;
      expect(seen.at(-1)).toBe(total);
      expect(seen.some((done) => done > 0 && done < total)).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
