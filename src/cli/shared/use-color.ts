import type { CliIO } from "../program.js";

/**
 * Whether text output gets ANSI colour: `NO_COLOR` (non-empty) turns it off; `FORCE_COLOR` turns it
 * on even into a pipe or a CI log (`FORCE_COLOR=0` or `false` turns it off); otherwise only on a
 * terminal. Never into a file written with `--out`.
 *
 * @example
 * formatText(result, { color: useColor(io, { toFile: options.out !== undefined }) })
 */
export function useColor(io: Pick<CliIO, "env" | "isTTY">, options: { toFile?: boolean | undefined } = {}): boolean {
  if (options.toFile) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "") return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return !["0", "false"].includes(force.toLowerCase());
  return io.isTTY && io.env.TERM !== "dumb";
}
