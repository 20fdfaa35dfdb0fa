import { readFileSync } from "node:fs";
import { Command, CommanderError, Help, Option } from "commander";
import { OmrlError } from "../errors.js";
import { EXIT_USAGE } from "./exit.js";
import { commands } from "./commands.js";
import { isHelpRequest } from "./startup/is-help-request.js";
import { VERSION } from "./version.js";
import type { ProgramDescription } from "./startup/describe-program.js";
import { NotStaticError, programFromDescription } from "./startup/program-from-description.js";


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

/** The bare root program (name, description, version, output), before any command registers. */
export function createRootProgram(io: CliIO): Command {
  return new Command("omrl")
    .description("Open Model Revenue License: define, sign, verify and pay revenue-share licences for open AI models")
    .version(VERSION)
    .option("-q, --quiet", "no progress bars or notes on stderr (errors and warnings still print)")
    // every command inherits this: a required option says so in --help
    .configureHelp({
      optionDescription(this: Help, option: Option) {
        const text = Help.prototype.optionDescription.call(this, option);
        return option.mandatory ? `${text} (required)` : text;
      },
    })
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError("(run with --help for usage)");
}

/** Settings every command gets once registered (the root's are copied only at creation). */
function finish(program: Command, io: CliIO): Command {
  for (const sub of program.commands) sub.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  return program;
}

/**
 * Builds the commander program. With `argv`, only the command it names is loaded (all of them
 * when it names none, e.g. for `omrl --help` run from source).
 */
export async function buildProgram(io: CliIO, argv: string[] = []): Promise<Command> {
  const program = createRootProgram(io);
  const named = commands.filter((entry) => entry.name === argv.find((arg) => !arg.startsWith("-")));
  for (const entry of named.length > 0 ? named : commands) (await entry.load()).register(program, io);
  return finish(program, io);
}

/**
 * The static description of every command that the build writes beside `cli.js`
 * (`scripts/cli-metadata.mjs`); undefined when running from source.
 */
function readStaticDescription(): ProgramDescription | undefined {
  try {
    return JSON.parse(readFileSync(new URL("./cli-commands.json", import.meta.url), "utf8")) as ProgramDescription;
  } catch {
    return undefined;
  }
}

/**
 * Answers `--version`, `--help`, `help <command>` and `<command> --help` from the static
 * description, loading no command module. Returns undefined when the request turns out to need
 * the real command (or there is no description).
 */
async function runStatic(argv: string[], io: CliIO): Promise<number | undefined> {
  if (!isHelpRequest(argv)) return undefined;
  const description = readStaticDescription();
  if (!description) return undefined;
  const program = finish(programFromDescription(createRootProgram(io), description), io);
  try {
    await program.parseAsync(argv, { from: "user" });
    return undefined;
  } catch (error) {
    if (error instanceof NotStaticError) return undefined;
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE;
    throw error;
  }
}

/** Runs the CLI and returns its exit code; never calls `process.exit` itself. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  let code = 0;
  // --quiet is the root's, anywhere before `--`: commands read it as OMRL_QUIET
  const end = argv.indexOf("--");
  if ((end === -1 ? argv : argv.slice(0, end)).some((arg) => arg === "--quiet" || arg === "-q")) io = { ...io, env: { ...io.env, OMRL_QUIET: "1" } };
  try {
    const answered = await runStatic(argv, io);
    if (answered !== undefined) return answered;
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
