import { describe, expect, test } from "vitest";
import { createProgressBar, formatBytes, isProgressEnabled } from "../../src/node/progress.js";

function terminal(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns: 100, write: (chunk: string) => writes.push(chunk) } };
}

describe("progress bar", () => {
  test("draws bytes, percent and rate on a terminal after the delay, at most once per interval, and erases itself", () => {
    const { writes, stream } = terminal(true);
    let now = 0;
    const bar = createProgressBar({ stream, label: "sha256", env: {}, now: () => now });
    expect(bar.enabled).toBe(true);
    bar.update(0, 100);
    expect(writes).toHaveLength(0); // quick work stays silent
    now = 1000;
    bar.update(512 * 1024 * 1024, 1024 * 1024 * 1024);
    now = 1050;
    bar.update(600 * 1024 * 1024, 1024 * 1024 * 1024); // within the interval: no redraw
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(/^\rsha256 \[#+-+\]  50% 512\.0 MiB\/1\.0 GiB 512\.0 MiB\/s 1s left\x1b\[K$/);
    bar.finish();
    expect(writes.at(-1)).toBe("\r\x1b[K");
  });

  test("is silent when not a terminal or when TERM=dumb; NO_COLOR does not hide it", () => {
    for (const [isTTY, env] of [
      [false, {}],
      [true, { TERM: "dumb" }],
    ] as const) {
      const { writes, stream } = terminal(isTTY);
      let now = 0;
      const bar = createProgressBar({ stream, env, now: () => now });
      now = 5000;
      bar.update(1, 2);
      bar.finish();
      expect(bar.enabled).toBe(false);
      expect(writes).toEqual([]);
    }
    expect(isProgressEnabled({ isTTY: true, write: () => true }, { NO_COLOR: "1" })).toBe(true);
  });

  test("formats byte counts in binary units", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1536)).toBe("1.5 KiB");
    expect(formatBytes(3 * 1024 ** 3)).toBe("3.0 GiB");
  });
});
