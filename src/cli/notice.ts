import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import { parseLockfile, renderNotice } from "../app/index.js";
import { loadSpdxLicenseTexts } from "../app/node/index.js";
import { InvalidInputError } from "../errors.js";
import { writeFileAtomic } from "../node/index.js";
import { EXIT_OK } from "./exit.js";
import { formatOption, type CliIO, type CommandModule } from "./program.js";

type NoticeOptions = { lockfile: string; out?: string; product?: string; title?: string; format: "text" | "json"; licenseTexts: boolean };

/**
 * `omrl notice [--lockfile omrl.lock.json] [--out NOTICE.md]` — writes the attribution / NOTICE file
 * the app ships, from the lockfile (no network): OMRL attributions and use restrictions, "Built
 * with Llama", licence notices verbatim, each model's copyright lines and NOTICE files, and the
 * full texts of the licences that must go with copies (SPDX texts from `spdx-license-list`;
 * `--no-license-texts` names them by URL instead). Prints it when `--out` is not given. Exit 0,
 * or 2 on a missing or invalid lockfile.
 */
async function run(options: NoticeOptions, io: CliIO): Promise<void> {
  const path = resolve(io.cwd, options.lockfile);
  const text = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new InvalidInputError(`cannot read the lockfile: ${error.code ?? error.message} (run omrl check first)`, { location: options.lockfile });
  });
  const lock = parseLockfile(text, { location: options.lockfile });
  const licenseTexts = options.licenseTexts ? await loadSpdxLicenseTexts() : undefined;
  const notice = renderNotice(lock, { product: options.product, title: options.title, licenseTexts });
  if (options.out) await writeFileAtomic(resolve(io.cwd, options.out), notice);
  if (options.format === "json") io.stdout(`${JSON.stringify({ out: options.out ?? null, notice }, null, 2)}\n`);
  else io.stdout(options.out ? `wrote ${options.out}\n` : notice);
  io.setExitCode(EXIT_OK);
}

export const noticeCommand: CommandModule = {
  register(program: Command, io: CliIO) {
    program
      .command("notice")
      .description("write the attribution/NOTICE file the app must ship, from omrl.lock.json")
      .option("--lockfile <file>", "lockfile written by omrl check", "omrl.lock.json")
      .option("--out <file>", "write the notice here atomically (default: print it)")
      .option("--product <name>", "the product's name, for the opening sentence")
      .option("--title <text>", "heading of the file", "Notices")
      .option("--no-license-texts", "name the licences that must go with copies by URL instead of including their full texts")
      .addOption(formatOption())
      .action((options: NoticeOptions) => run(options, io));
  },
};
