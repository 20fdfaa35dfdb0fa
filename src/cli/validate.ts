import type { Command } from "commander";
import {
  InvalidTermsError,
  parseTerms,
  verifyTermsSignature,
  type TermsIssue,
  type VerifyTermsSignatureReturnType,
} from "../terms/index.js";
import { EXIT_OK, EXIT_VIOLATIONS } from "./exit.js";
import { formatOption, type CliIO, type CommandModule } from "./program.js";
import { readTermsFile } from "./shared/read-terms-file.js";

type ValidateOptions = { allowUnsigned?: boolean; format: "text" | "json" };

const SIGNATURE_PROBLEMS: Record<NonNullable<VerifyTermsSignatureReturnType["reason"]>, string> = {
  unsigned: "the terms are not signed (run `omrl sign --key-env VAR`)",
  malformed: "the signature cannot be verified",
  "signer-mismatch": "the signature does not match these terms (they changed after signing, or the signer field is wrong)",
  "not-licensor": "the signature is valid but not by the licensor's account",
};

async function validate(target: string, options: ValidateOptions, io: CliIO) {
  const file = await readTermsFile(target, io.cwd);
  let issues: TermsIssue[] = [];
  let signature: VerifyTermsSignatureReturnType | undefined;
  try {
    const terms = parseTerms(file.text, { location: file.path });
    signature = await verifyTermsSignature(terms);
    if (signature.reason && !(signature.reason === "unsigned" && options.allowUnsigned))
      issues.push({ pointer: "/signature", code: `signature/${signature.reason}`, message: SIGNATURE_PROBLEMS[signature.reason] });
  } catch (error) {
    if (!(error instanceof InvalidTermsError)) throw error;
    issues = error.issues;
  }
  const valid = issues.length === 0;
  if (options.format === "json") {
    io.stdout(`${JSON.stringify({ path: file.path, valid, termsHash: signature?.termsHash, signer: signature?.signer, byLicensor: signature?.byLicensor ?? false, issues }, null, 2)}\n`);
  } else if (valid) {
    io.stdout(`${file.path}: valid OMRL 1.0 terms\n  terms hash ${signature!.termsHash}\n  signed by  ${signature!.signer ?? "nobody (unsigned, allowed)"}\n`);
  } else {
    io.stdout(`${file.path}: ${issues.length} problem${issues.length === 1 ? "" : "s"}\n${issues.map((i) => `  ${i.pointer || "/"}  ${i.message}  [${i.code}]`).join("\n")}\n`);
  }
  io.setExitCode(valid ? EXIT_OK : EXIT_VIOLATIONS);
}

export const validateCommand: CommandModule = {
  register(program: Command, io: CliIO) {
    program
      .command("validate")
      .description("check a release's omrl.json: schema, semantics and the licensor's signature")
      .argument("[dir|file]", "the release folder or its omrl.json", ".")
      .option("--allow-unsigned", "do not count missing signatures as a problem")
      .addOption(formatOption())
      .action((target: string, options: ValidateOptions) => validate(target, options, io));
  },
};
