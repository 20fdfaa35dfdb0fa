import type { Argument, Command, Option } from "commander";

/** What `--help` needs of an option, as JSON. */
export type OptionDescription = {
  flags: string;
  description: string;
  mandatory?: boolean;
  defaultValue?: unknown;
  defaultValueDescription?: string;
  presetArg?: unknown;
  envVar?: string;
  hidden?: boolean;
  argChoices?: string[];
  conflictsWith?: string[];
  implied?: Record<string, unknown>;
  helpGroupHeading?: string;
};

/** What `--help` needs of a positional argument, as JSON. */
export type ArgumentDescription = {
  name: string;
  description: string;
  defaultValue?: unknown;
  defaultValueDescription?: string;
  argChoices?: string[];
};

/** What `--help` and parsing up to a command's action need of a command, as JSON. */
export type CommandDescription = {
  /** commander's own settings that change help or parsing (`_name`, `_description`, `_usage`…) */
  settings: Record<string, unknown>;
  hasAction: boolean;
  options: OptionDescription[];
  arguments: ArgumentDescription[];
  helpOption?: { flags: string; description: string } | null;
  /** text printed before and after the generated help (`addHelpText`) */
  before: string;
  after: string;
  commands: CommandDescription[];
};

/** The static description of the whole CLI, written to `dist/cli-commands.json` by the build. */
export type ProgramDescription = {
  /** root options added by commands (the root's own come from `createRootProgram`) */
  options: OptionDescription[];
  commands: CommandDescription[];
};

/** Command settings that shape help output or the parse that precedes an action. */
export const COMMAND_SETTINGS = [
  "_name",
  "_description",
  "_summary",
  "_aliases",
  "_usage",
  "_hidden",
  "_argsDescription",
  "_allowUnknownOption",
  "_allowExcessArguments",
  "_enablePositionalOptions",
  "_passThroughOptions",
  "_combineFlagAndOptionalValue",
  "_showHelpAfterError",
  "_showSuggestionAfterError",
  "_helpGroupHeading",
  "_defaultCommandGroup",
  "_defaultOptionGroup",
  "_defaultCommandName",
  "_addImplicitHelpCommand",
] as const;

type Internals = Command & Record<string, unknown> & { _actionHandler: unknown; _helpOption?: Option | null };

function jsonSafe(value: unknown, where: string): unknown {
  if (value === undefined) return undefined;
  const text = JSON.stringify(value);
  if (text === undefined || JSON.stringify(JSON.parse(text)) !== text || typeof value === "function")
    throw new Error(`${where}: not representable as JSON for the static help`);
  return value;
}

function describeOption(option: Option, where: string): OptionDescription {
  const out: OptionDescription = { flags: option.flags, description: option.description };
  if (option.mandatory) out.mandatory = true;
  if (option.defaultValue !== undefined) out.defaultValue = jsonSafe(option.defaultValue, `${where} ${option.flags}`);
  if (option.defaultValueDescription !== undefined) out.defaultValueDescription = option.defaultValueDescription;
  if (option.presetArg !== undefined) out.presetArg = jsonSafe(option.presetArg, `${where} ${option.flags}`);
  if (option.envVar !== undefined) out.envVar = option.envVar;
  if (option.hidden) out.hidden = true;
  if (option.argChoices) out.argChoices = [...option.argChoices];
  const internal = option as Option & { conflictsWith: string[]; implied?: Record<string, unknown>; helpGroupHeading?: string };
  if (internal.conflictsWith.length > 0) out.conflictsWith = [...internal.conflictsWith];
  if (internal.implied) out.implied = jsonSafe(internal.implied, `${where} ${option.flags}`) as Record<string, unknown>;
  if (internal.helpGroupHeading !== undefined) out.helpGroupHeading = internal.helpGroupHeading;
  return out;
}

function describeArgument(argument: Argument, where: string): ArgumentDescription {
  const out: ArgumentDescription = {
    name: argument.required ? `<${argument.name()}${argument.variadic ? "..." : ""}>` : `[${argument.name()}${argument.variadic ? "..." : ""}]`,
    description: argument.description,
  };
  if (argument.defaultValue !== undefined) out.defaultValue = jsonSafe(argument.defaultValue, `${where} ${out.name}`);
  if (argument.defaultValueDescription !== undefined) out.defaultValueDescription = argument.defaultValueDescription;
  if (argument.argChoices) out.argChoices = [...argument.argChoices];
  return out;
}

/** The text `addHelpText` adds around a command's generated help. */
function helpTextAround(command: Command): { before: string; after: string } {
  const internal = command as Internals;
  const saved = internal._outputConfiguration as Record<string, unknown>;
  let printed = "";
  internal._outputConfiguration = { ...saved, writeOut: (text: string) => (printed += text), getOutHelpWidth: () => 80 };
  try {
    command.outputHelp();
  } finally {
    internal._outputConfiguration = saved;
  }
  const generated = command.helpInformation();
  const at = printed.indexOf(generated);
  if (at < 0) throw new Error(`${command.name()}: its help text could not be separated from the generated help`);
  return { before: printed.slice(0, at), after: printed.slice(at + generated.length) };
}

function describeCommand(command: Command, path: string): CommandDescription {
  const internal = command as Internals;
  const settings: Record<string, unknown> = {};
  for (const key of COMMAND_SETTINGS) {
    const value = internal[key];
    if (value !== undefined) settings[key] = jsonSafe(value, `${path} ${key}`);
  }
  const helpOption = internal._helpOption;
  return {
    settings,
    hasAction: !!internal._actionHandler,
    options: command.options.map((option) => describeOption(option, path)),
    arguments: command.registeredArguments.map((argument) => describeArgument(argument, path)),
    ...(helpOption === null ? { helpOption: null } : helpOption ? { helpOption: { flags: helpOption.flags, description: helpOption.description } } : {}),
    ...helpTextAround(command),
    commands: command.commands.map((sub) => describeCommand(sub, `${path} ${sub.name()}`)),
  };
}

/**
 * Describes a fully registered program as JSON: every command's options, arguments, settings and
 * help text, so `--help` and `--version` can be answered without loading any command module.
 * `base` is the bare root (`createRootProgram`), whose own options are not repeated.
 */
export function describeProgram(program: Command, base: Command): ProgramDescription {
  const own = new Set(base.options.map((option) => option.flags));
  return {
    options: program.options.filter((option) => !own.has(option.flags)).map((option) => describeOption(option, "omrl")),
    commands: program.commands.map((command) => describeCommand(command, `omrl ${command.name()}`)),
  };
}
