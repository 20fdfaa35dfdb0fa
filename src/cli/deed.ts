import { readFile, stat } from "node:fs/promises";
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { checkDeedTerms, renderDeedPage } from "../deed/index.js";
import { InvalidInputError, OmrlError } from "../errors.js";
import { writeFileAtomic } from "../node/index.js";
import { createHubSourceOpener, type HubSource } from "../sources/hub/index.js";
import { hubOptionsFromEnv } from "../sources/hub/node/index.js";
import type { ModelSource } from "../sources/index.js";
import { openLocalSource } from "../sources/node.js";
import { MAX_TERMS_BYTES, renderLicense } from "../terms/index.js";
import { EXIT_OK, EXIT_VIOLATIONS } from "./exit.js";
import type { CliIO, CommandModule } from "./program.js";
import { VERSION } from "./version.js";

/** Most bytes of legal text rendered into the page. */
const MAX_LEGAL_BYTES = 1024 * 1024;

type DeedOptions = { out: string; hubUrl?: string; offline?: boolean };

type DeedInput = {
  termsText: string;
  legalText?: string | undefined;
  legalSource?: string | undefined;
  /** A Hub URL, or the local terms file's absolute path (linked relative to the page). */
  termsHref?: string | undefined;
  sourceLabel: string;
};

/** The element bundle built next to the CLI (`dist/deed.js`). */
async function readElementBundle(): Promise<string> {
  const path = fileURLToPath(new URL("./deed.js", import.meta.url));
  return readFile(path, "utf8").catch(() => {
    throw new OmrlError(`the <omrl-deed> bundle ${path} is missing`, { details: "It is built with the CLI (npm run build)." });
  });
}

async function fromSource(source: ModelSource, label: string, termsHref: string | undefined): Promise<DeedInput> {
  const termsText = await source.readText("omrl.json", { maxBytes: MAX_TERMS_BYTES });
  if (termsText === undefined) throw new InvalidInputError(`${label} has no omrl.json: it is not under OMRL terms (omrl init writes one)`, { location: label });
  const legalText = await source.readText("LICENSE.md", { maxBytes: MAX_LEGAL_BYTES });
  return { termsText, legalText, legalSource: legalText !== undefined ? "LICENSE.md in the release" : undefined, termsHref, sourceLabel: label };
}

async function readInput(target: string, options: DeedOptions, io: CliIO): Promise<DeedInput> {
  if (target.startsWith("hf:")) {
    const env = hubOptionsFromEnv(io.env);
    const open = createHubSourceOpener({ ...env, hubUrl: options.hubUrl ?? env.hubUrl, offline: options.offline || env.offline });
    const source = (await open(target)) as HubSource;
    return fromSource(source, source.id, `${source.hubUrl}/${source.repo}/blob/${source.revision}/omrl.json`);
  }
  const path = resolve(io.cwd, target);
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new InvalidInputError(`${target} does not exist`);
  if (info.isFile() && extname(path).toLowerCase() === ".json") {
    if (info.size > MAX_TERMS_BYTES) throw new InvalidInputError(`${target} is larger than ${MAX_TERMS_BYTES} bytes`);
    const termsText = await readFile(path, "utf8");
    const folder = await openLocalSource(dirname(path));
    const legalText = await folder.readText("LICENSE.md", { maxBytes: MAX_LEGAL_BYTES });
    return { termsText, legalText, legalSource: legalText !== undefined ? "LICENSE.md beside the terms file" : undefined, termsHref: path, sourceLabel: target };
  }
  let source = await openLocalSource(path);
  if (source.kind === "file") source = await openLocalSource(dirname(path)); // a weights file: its release folder
  return fromSource(source, target, join(source.id, "omrl.json"));
}

/**
 * `omrl deed <release|omrl.json|hf:org/name@rev> --out deed.html`: writes the release's licence
 * deed, one self-contained HTML page (no network requests) that checks the terms and the
 * licensor's signature in the browser and answers "What would I owe?". Exit 0: written and the
 * terms are valid and signed by the licensor; 1: written, but the page says they are not; 2: bad
 * input (nothing to read).
 */
async function run(target: string, options: DeedOptions, io: CliIO): Promise<void> {
  const input = await readInput(target, options, io);
  const elementScript = await readElementBundle();
  const { status, terms } = await checkDeedTerms(input.termsText);
  let { legalText, legalSource } = input;
  if (legalText === undefined && terms) {
    legalText = renderLicense(terms);
    legalSource = "The release has no LICENSE.md: this is the OMRL 1.0 text rendered from the terms";
  }
  const out = resolve(io.cwd, options.out);
  // a local terms file is linked relative to where the page is written
  const termsHref = input.termsHref !== undefined && isAbsolute(input.termsHref) ? relative(dirname(out), input.termsHref).split(sep).join("/") : input.termsHref;
  const html = renderDeedPage({ ...input, termsHref, legalText, legalSource, elementScript, generator: `omrl ${VERSION}` });
  await writeFileAtomic(out, html);
  const lines = [`${options.out}: ${status.state}. ${status.headline}`, ...(status.state === "valid" ? [] : status.problems.map((p) => `  ${p}`))];
  if (status.state === "valid") {
    io.stdout(`${lines.join("\n")}\n`);
    io.setExitCode(EXIT_OK);
  } else {
    io.stderr(`${lines.join("\n")}\n`);
    io.setExitCode(EXIT_VIOLATIONS);
  }
}

export const deedCommand: CommandModule = {
  register(program: Command, io: CliIO) {
    program
      .command("deed")
      .description("write a release's licence deed: one self-contained HTML page that checks the signature in the browser and computes what is owed")
      .argument("<target>", "a release folder, its omrl.json, a .safetensors/.gguf file, or hf:org/name[@revision]")
      .option("--out <file>", "the HTML file to write (atomically)", "deed.html")
      .option("--hub-url <url>", "Hub base URL (default: $HF_ENDPOINT or https://huggingface.co)")
      .option("--offline", "Hub: answer from the cache only (also HF_HUB_OFFLINE=1)")
      .action((target: string, options: DeedOptions) => run(target, options, io));
  },
};
