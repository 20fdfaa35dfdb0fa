import type { Command } from "commander";
import { privateKeyToAccount } from "viem/accounts";
import { InvalidInputError } from "../errors.js";
import { writeFileAtomic } from "../node/index.js";
import { hashTerms, licensorAddress, parseTerms, signTerms } from "../terms/index.js";
import { EXIT_OK } from "./exit.js";
import { formatOption, type CliIO, type CommandModule } from "./program.js";
import { readPrivateKeyEnv, readTermsFile } from "./shared/read-terms-file.js";

type SignOptions = { keyEnv: string; signedAt?: string; format: "text" | "json" };

async function sign(target: string, options: SignOptions, io: CliIO) {
  const file = await readTermsFile(target, io.cwd);
  const terms = parseTerms(file.text, { location: file.path });
  const account = privateKeyToAccount(readPrivateKeyEnv(io.env, options.keyEnv));
  const licensor = licensorAddress(terms);
  if (account.address !== licensor)
    throw new InvalidInputError(`the key in ${options.keyEnv} belongs to ${account.address}, not to the licensor ${licensor}`);
  // A fixed time makes a signed release reproducible byte for byte (the bundled example uses it).
  if (options.signedAt !== undefined && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(options.signedAt))
    throw new InvalidInputError(`--signed-at ${options.signedAt}: expected a UTC time like 2026-01-15T12:00:00Z`);
  const signed = await signTerms({ terms, account, ...(options.signedAt ? { signedAt: options.signedAt } : {}) });
  await writeFileAtomic(file.path, `${JSON.stringify(signed, null, 2)}\n`);
  const termsHash = hashTerms(signed);
  if (options.format === "json") io.stdout(`${JSON.stringify({ path: file.path, termsHash, signature: signed.signature }, null, 2)}\n`);
  else io.stdout(`Signed ${file.path}\n  terms hash ${termsHash}\n  signer     ${account.address}\n`);
  io.setExitCode(EXIT_OK);
}

export const signCommand: CommandModule = {
  register(program: Command, io: CliIO) {
    program
      .command("sign")
      .description("sign a release's omrl.json (EIP-712) with the licensor's key")
      .argument("[dir]", "the release folder or its omrl.json", ".")
      .requiredOption("--key-env <VAR>", "name of the environment variable holding the licensor's private key")
      .option("--signed-at <time>", "the signing time to record, e.g. 2026-01-15T12:00:00Z (default: now)")
      .addOption(formatOption())
      .action((dir: string, options: SignOptions) => sign(dir, options, io));
  },
};
