import { Command, CommanderError, Option } from "commander";
import { OmrlError } from "../errors.js";
import { EXIT_USAGE } from "./exit.js";
import { commands } from "./commands.js";

/** The package version, set by the build (tsup `define`); "0.0.0-dev" when run from source. */
declare const __OMRL_VERSION__: string | undefined;
const VERSION = typeof __OMRL_VERSION__ === "string" ? __OMRL_VERSION__ : "0.0.0-dev";

/** A command module: one file per command under `src/cli/`, registered in `commands.ts`. */
export type CommandModule = {
  register(program: Command, io: CliIO): void;
};

/** Where the CLI reads and writes; tests pass their own. */
export type CliIO = {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  isTTY: boolean;
  /** Set by a command's action: the process exit code. */
  setExitCode: (code: number) => void;
};

/** The `--format` option every command takes; `choices` lists what that command supports. */
export function formatOption(choices: string[] = ["text", "json"]): Option {
  return new Option("--format <format>", "output format").choices(choices).default("text");
}

/**
 * Builds the commander program. With `argv`, only the command it names is loaded (all of them
 * when it names none, e.g. for `omrl --help`).
 */
export async function buildProgram(io: CliIO, argv: string[] = []): Promise<Command> {
  const program = new Command("omrl")
    .description("Open Model Revenue License: define, sign, verify and pay revenue-share licences for open AI models")
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError("(run with --help for usage)");
  const named = commands.filter((entry) => entry.name === argv.find((arg) => !arg.startsWith("-")));
  for (const entry of named.length > 0 ? named : commands) (await entry.load()).register(program, io);
  for (const sub of program.commands) sub.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  return program;
}

/** Runs the CLI and returns its exit code; never calls `process.exit` itself. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  let code = 0;
  try {
    const program = await buildProgram({ ...io, setExitCode: (c) => (code = Math.max(code, c)) }, argv);
    await program.parseAsync(argv, { from: "user" });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version exit 0; every other commander error is a usage error
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (error instanceof OmrlError) {
      io.stderr(`omrl: ${error.shortMessage}\n`);
      if (error.details && io.env.OMRL_DEBUG) io.stderr(`${error.details}\n`);
      return EXIT_USAGE;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`omrl: ${message}\n`);
    if (io.env.OMRL_DEBUG && error instanceof Error) io.stderr(`${error.stack}\n`);
    return EXIT_USAGE;
  }
}
