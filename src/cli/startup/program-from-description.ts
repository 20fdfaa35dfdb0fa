import { Argument, Option, type Command } from "commander";
import type { ArgumentDescription, CommandDescription, OptionDescription, ProgramDescription } from "./describe-program.js";

/** Thrown by a stand-in command's action: the request was not only for help, load the real command. */
export class NotStaticError extends Error {
  constructor() {
    super("not a help or version request");
  }
}

function toOption(description: OptionDescription): Option {
  const option = new Option(description.flags, description.description);
  if (description.argChoices) option.choices(description.argChoices);
  if ("defaultValue" in description || description.defaultValueDescription !== undefined)
    option.default(description.defaultValue, description.defaultValueDescription);
  if (description.presetArg !== undefined) option.preset(description.presetArg);
  if (description.envVar !== undefined) option.env(description.envVar);
  if (description.mandatory) option.makeOptionMandatory(true);
  if (description.hidden) option.hideHelp(true);
  if (description.conflictsWith) option.conflicts(description.conflictsWith);
  if (description.implied) option.implies(description.implied);
  if (description.helpGroupHeading !== undefined) option.helpGroup(description.helpGroupHeading);
  return option;
}

function toArgument(description: ArgumentDescription): Argument {
  const argument = new Argument(description.name, description.description);
  if (description.argChoices) argument.choices(description.argChoices);
  if ("defaultValue" in description || description.defaultValueDescription !== undefined)
    argument.default(description.defaultValue, description.defaultValueDescription);
  return argument;
}

function addCommand(parent: Command, description: CommandDescription): void {
  const command = parent.command(String(description.settings._name));
  Object.assign(command, structuredClone(description.settings));
  for (const option of description.options) command.addOption(toOption(option));
  for (const argument of description.arguments) command.addArgument(toArgument(argument));
  if (description.helpOption === null) command.helpOption(false);
  else if (description.helpOption) command.helpOption(description.helpOption.flags, description.helpOption.description);
  if (description.before) command.addHelpText("before", description.before);
  if (description.after) command.addHelpText("after", description.after);
  if (description.hasAction)
    command.action(() => {
      throw new NotStaticError();
    });
  for (const sub of description.commands) addCommand(command, sub);
}

/**
 * Rebuilds, from the build's static description, a program whose commands have the real ones'
 * options, arguments and help but no work behind them: it answers `--help`, `help <command>` and
 * `--version` exactly as the real program would, and throws `NotStaticError` where the real one
 * would run a command. `root` is the bare program from `createRootProgram`.
 */
export function programFromDescription(root: Command, description: ProgramDescription): Command {
  for (const option of description.options) root.addOption(toOption(option));
  for (const command of description.commands) addCommand(root, command);
  return root;
}
