import { Option, type Command } from "commander";
import { formatOption, type CliIO, type CommandModule } from "./program.js";
import type { FundersOptions, QfOptions } from "./qf-run.js";

const collect = (value: string, previous: string[]) => [...previous, value];

/**
 * `qf` and `qf funders` share the input flags, and commander gives a flag written after
 * `funders` to `qf` when both define it (unless the whole program has positional options): take
 * back, for the subcommand, every flag the user wrote that `qf` parsed.
 */
function withParentOptions<T extends object>(options: T, command: Command): T {
  const parent = command.parent;
  if (!parent) return options;
  const merged: Record<string, unknown> = { ...(options as Record<string, unknown>) };
  for (const [key, value] of Object.entries(parent.opts()))
    if (command.getOptionValueSource(key) !== "cli" && parent.getOptionValueSource(key) === "cli") merged[key] = value;
  return merged as T;
}

function inputOptions(command: Command): Command {
  return command
    .option(
      "--contributions <file>",
      "contributions: CSV with a header (contributor, project, amount[, weight, recipient]) or JSON",
    )
    .option("--token-decimals <n>", "decimals of the pool's token; amounts are read in that token", "18")
    .option("--round-amounts", "round amounts finer than the token's decimals half up (default: refuse them)")
    .option("--skip-negative", "leave out rows with a negative amount (refunds) instead of refusing them")
    .option("--where <column=value>", "keep only rows whose column equals the value (repeatable)", collect, [])
    .option("--contributor-column <name>", "the contributor column's name")
    .option("--project-column <name>", "the project column's name")
    .option("--amount-column <name>", "the amount column's name")
    .option("--weight-column <name>", "a column of matching weights (e.g. a passport score in [0, 1])");
}

/**
 * `omrl qf`: match a quadratic-funding round; `omrl qf funders`: the funders' payback split.
 * Only the options live here; the work (and the funding module) loads when the command runs.
 */
export const qfCommand: CommandModule = {
  register(program: Command, io: CliIO) {
    const qf = inputOptions(
      program.command("qf").description("match a quadratic-funding round (standard, pairwise, COCM, clr.fund)"),
    )
      .option("--pool <amount>", "the matching pool, in tokens (e.g. 50000)")
      .option("--token-symbol <symbol>", "the pool token's symbol, for display")
      .option("--cap <percent>", "most a project may receive, as a share of the pool (e.g. 10%)")
      .addOption(
        new Option("--algorithm <name>", "matching algorithm")
          .choices(["standard", "pairwise", "cocm", "clrfund"])
          .default("standard"),
      )
      .option("--min-contribution <amount>", "leave out contributions below this amount (in tokens)")
      .option("--include-self", "count contributions from a project's own recipient address")
      .option("--pairwise-threshold <amount>", "pairwise threshold M, in tokens", "25")
      .addOption(
        new Option("--clrfund-formula <formula>", "clr.fund's formula")
          .choices(["quadratic", "linear"])
          .default("quadratic"),
      )
      .option("--voice-credit-factor <units>", "clr.fund: base units per voice credit (default 10^(decimals-5))")
      .option("--round <file>", "a clr.fund round export (round, tally, projects) instead of --contributions")
      .addOption(formatOption(["text", "json", "csv", "markdown"]))
      .option("--output <file>", "write the result to a file instead of stdout")
      .action(async (options: QfOptions) => (await import("./qf-run.js")).runQf(options, io));

    inputOptions(
      qf.command("funders").description("the funders' payback: a payee split for omrl.json and a 0xSplits config"),
    )
      .requiredOption("--project <name>", "the funded project (model), as named in the contributions")
      .addOption(
        new Option("--weighting <how>", "share by amount given or by its square root")
          .choices(["pro-rata", "sqrt"])
          .default("pro-rata"),
      )
      .option("--slice <percent>", "the funders' slice of the model's revenue split", "100%")
      .option("--addresses <file>", "CSV mapping contributor ids to 0x addresses (columns contributor, address)")
      .addOption(formatOption())
      .option("--output <file>", "write the result to a file instead of stdout")
      .action(async (options: FundersOptions, command: Command) =>
        (await import("./qf-funders-run.js")).runFunders(withParentOptions(options, command), io),
      );
  },
};
