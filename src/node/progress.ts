/** The part of a stream the progress bar needs (`process.stderr` has it). */
export type ProgressStream = {
  write(chunk: string): unknown;
  isTTY?: boolean | undefined;
  columns?: number | undefined;
};

export type ProgressBarOptions = {
  /** Where to draw. Default `process.stderr`. */
  stream?: ProgressStream | undefined;
  /** Text before the bar, e.g. `sha256`. */
  label?: string | undefined;
  /** Draw nothing until the work has run this long, so quick work stays silent. Default 300 ms. */
  delayMs?: number | undefined;
  /** At most one redraw per this many ms. Default 100. */
  intervalMs?: number | undefined;
  /** Environment (for `TERM=dumb`). Default `process.env`. */
  env?: Record<string, string | undefined> | undefined;
  /** Clock in ms. Default `performance.now`. */
  now?: (() => number) | undefined;
};

export type ProgressBar = {
  /** Whether it draws at all (a TTY that is not `TERM=dumb`). */
  readonly enabled: boolean;
  /** Records progress; redraws at most every `intervalMs`. */
  update(done: number, total: number): void;
  /**
   * Starts a new phase (`stamp`, then `sha256`): a new label, and rate and time left counted
   * afresh from this phase's first update — not from the command's start.
   */
  phase(label: string): void;
  /** Erases the bar (if drawn). Call once at the end, also on failure. */
  finish(): void;
};

/**
 * Whether a progress bar should be drawn on `stream`: only on a terminal (never into a pipe, a
 * file or a CI log), and not when `TERM=dumb` or `OMRL_QUIET` is set (`omrl --quiet`). A bar is not colour, so `NO_COLOR` does not hide it.
 *
 * @example
 * isProgressEnabled(process.stderr) // false under `2>log.txt`
 */
export function isProgressEnabled(stream: ProgressStream, env: Record<string, string | undefined> = process.env): boolean {
  return stream.isTTY === true && env.TERM !== "dumb" && !env.OMRL_QUIET;
}

/**
 * A one-line progress bar — bytes done / total, percent, rate and time left — redrawn in place on
 * a terminal, silent elsewhere. Rate and time left are measured over the current phase only
 * (from its first update), so work that ran before the bar — or in an earlier phase — does not
 * skew them.
 *
 * @example
 * const bar = createProgressBar({ label: "sha256" })
 * try {
 *   await digestFiles(paths, { onProgress: (p) => bar.update(p.bytesDone, p.bytesTotal) })
 * } finally {
 *   bar.finish()
 * }
 */
export function createProgressBar(options: ProgressBarOptions = {}): ProgressBar {
  const stream = options.stream ?? process.stderr;
  const enabled = isProgressEnabled(stream, options.env ?? process.env);
  const now = options.now ?? (() => performance.now());
  const delayMs = options.delayMs ?? 300;
  const intervalMs = options.intervalMs ?? 100;
  let label = options.label ? `${options.label} ` : "";
  let startedAt = now();
  // the phase's first update: rate = bytes since then / time since then
  let base: { at: number; done: number } | undefined;
  let lastDraw = -Infinity;
  let drawn = false;

  return {
    enabled,
    phase(next) {
      label = next ? `${next} ` : "";
      startedAt = now();
      base = undefined;
      lastDraw = -Infinity;
    },
    update(done, total) {
      if (!enabled) return;
      const t = now();
      base ??= { at: t, done };
      if (t - startedAt < delayMs || t - lastDraw < intervalMs) return;
      lastDraw = t;
      drawn = true;
      const seconds = (t - base.at) / 1000;
      const rate = seconds > 0 ? (done - base.done) / seconds : 0;
      const left = rate > 0 && total > done ? ` ${formatDuration((total - done) / rate)} left` : "";
      const figures = ` ${formatBytes(done)}/${formatBytes(total)} ${formatBytes(rate)}/s${left}`;
      const fraction = total > 0 ? Math.min(1, done / total) : 1;
      const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
      const columns = stream.columns ?? 80;
      const width = Math.max(10, Math.min(40, columns - label.length - figures.length - 8));
      const filled = Math.round(fraction * width);
      const bar = `[${"#".repeat(filled)}${"-".repeat(width - filled)}]`;
      stream.write(`\r${label}${bar} ${percent}${figures}`.slice(0, columns) + "\x1b[K");
    },
    finish() {
      if (drawn) stream.write("\r\x1b[K");
      drawn = false;
    },
  };
}

/** `1536` → `1.5 KiB`. */
export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${Math.round(value)} B` : `${value.toFixed(1)} ${units[unit]}`;
}

function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(Math.ceil(seconds % 60)).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}m`;
}
