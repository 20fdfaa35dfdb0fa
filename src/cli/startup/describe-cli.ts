import { buildProgram, createRootProgram, type CliIO } from "../program.js";
import { describeProgram, type ProgramDescription } from "./describe-program.js";

const silent: CliIO = {
  stdout: () => {},
  stderr: () => {},
  env: {},
  cwd: ".",
  isTTY: false,
  setExitCode: () => {},
};

/**
 * Loads every command and describes the whole CLI as JSON. The build runs it once
 * (`scripts/cli-metadata.mjs`) and writes the result to `dist/cli-commands.json`.
 */
export async function describeCli(): Promise<ProgramDescription> {
  return describeProgram(await buildProgram(silent), createRootProgram(silent));
}
