import { readFile } from "node:fs/promises";
import { dirname, extname, isAbsolute, resolve } from "node:path";
import { Option, type Command } from "commander";
import { InvalidInputError } from "../errors.js";
import { writeFileAtomic } from "../node/index.js";
import {
  computeStatement,
  parseAppManifest,
  statementToCsv,
  statementToJson,
  statementToMarkdown,
  statementToMermaid,
  statementToText,
  type AppManifest,
  type Statement,
  type StatementAncestorInput,
  type StatementModelInput,
} from "../obligations/index.js";
import { readRevenueFile } from "../obligations/node/index.js";
import { openLocalSource } from "../sources/node.js";
import { hashTerms, parseTerms, type OmrlTerms } from "../terms/index.js";
import { EXIT_OK } from "./exit.js";
import { formatOption, type CliIO, type CommandModule } from "./program.js";

type OwedOptions = {
  manifest: string;
  revenue: string;
  revenueFormat?: "csv" | "json";
  period: string[];
  rate: string[];
  out?: string;
  format: "text" | "json" | "markdown" | "csv" | "mermaid";
};

/** Most generations of upstream models followed. */
const MAX_LINEAGE_DEPTH = 16;

const collect = (value: string, previous: string[]) => [...previous, value];

function parseRates(flags: string[]): Record<string, string> {
  const rates: Record<string, string> = {};
  for (const flag of flags) {
    const m = /^([A-Z]{3}\/[A-Za-z0-9.$_-]{1,32})=(\d{1,30}(?:\.\d{1,18})?)$/.exec(flag);
    if (!m) throw new InvalidInputError(`--rate ${flag}: expected CURRENCY/TOKEN=decimal, e.g. USD/USDC=1.0001`);
    rates[m[1]!] = m[2]!;
  }
  return rates;
}

/** Reads and validates the terms (`omrl.json`) of a local folder, or a terms file itself. */
async function readLocalTerms(path: string, label: string): Promise<OmrlTerms> {
  if (extname(path).toLowerCase() === ".json") {
    const text = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
      throw new InvalidInputError(`cannot read terms for ${label}: ${error.code ?? error.message}`, { location: path });
    });
    return parseTerms(text, { location: path });
  }
  let source = await openLocalSource(path);
  // a single weights file: its terms are the omrl.json beside it
  if (source.kind === "file") source = await openLocalSource(dirname(path));
  const text = await source.readText("omrl.json");
  if (text === undefined) throw new InvalidInputError(`${label} has no omrl.json: it is not under OMRL terms`, { location: path });
  return parseTerms(text, { location: `${path}/omrl.json` });
}

/**
 * Resolves models offline: a local path is read directly, a Hub id through the manifest's
 * `sources` map (`hf:org/name@rev`, `hf:org/name` or `org/name` → a local folder).
 */
function createResolver(manifest: AppManifest, manifestDir: string) {
  const local = (path: string) => (isAbsolute(path) ? path : resolve(manifestDir, path));
  return async (spec: string, label: string): Promise<OmrlTerms> => {
    if (!spec.startsWith("hf:")) return readLocalTerms(local(spec), label);
    const [repo, revision] = spec.slice(3).split("@");
    const keys = [spec, ...(revision ? [`hf:${repo}`] : []), repo!];
    const path = keys.map((k) => manifest.sources?.[k]).find((p) => p !== undefined);
    if (path === undefined)
      throw new InvalidInputError(`cannot resolve ${spec} offline; add it to "sources" in the app manifest (e.g. "${spec}": "./vendor/${repo!.split("/")[1]}")`, {
        docsPath: "/docs/obligations.md#app-manifest",
      });
    return readLocalTerms(local(path), label);
  };
}

/** The OMRL upstream chain of a model, nearest parent first, each naming its child. */
async function resolveAncestors(
  leafId: string,
  terms: OmrlTerms,
  resolveTerms: (spec: string, label: string) => Promise<OmrlTerms>,
): Promise<StatementAncestorInput[]> {
  const ancestors: StatementAncestorInput[] = [];
  const seen = new Set<string>([leafId]);
  let frontier: { id: string; terms: OmrlTerms; depth: number }[] = [{ id: leafId, terms, depth: 0 }];
  while (frontier.length > 0) {
    const next: typeof frontier = [];
    for (const node of frontier)
      for (const upstream of node.terms.upstream ?? []) {
        const isOmrl = /omrl/i.test(upstream.license) || upstream.termsHash !== undefined;
        if (!isOmrl) continue; // other licences carry no revenue share; `omrl check` judges them
        if (node.depth + 1 > MAX_LINEAGE_DEPTH) throw new InvalidInputError(`${leafId}: upstream chain is deeper than ${MAX_LINEAGE_DEPTH}`);
        if (seen.has(upstream.repo)) continue; // a diamond or a cycle: each ancestor is owed once per leaf
        seen.add(upstream.repo);
        const spec = `hf:${upstream.repo}${upstream.revision ? `@${upstream.revision}` : ""}`;
        const ancestorTerms = await resolveTerms(spec, `${upstream.repo} (upstream of ${node.id})`);
        const termsHash = hashTerms(ancestorTerms);
        if (upstream.termsHash !== undefined && upstream.termsHash !== termsHash)
          throw new InvalidInputError(`${node.id} names ${upstream.repo} with terms hash ${upstream.termsHash}, but its terms hash to ${termsHash}`);
        ancestors.push({ id: upstream.repo, model: spec, terms: ancestorTerms, termsHash, child: node.id });
        next.push({ id: upstream.repo, terms: ancestorTerms, depth: node.depth + 1 });
      }
    frontier = next;
  }
  return ancestors;
}

/** The Markdown statement with its money flow drawn (Mermaid renders in GitHub comments and job summaries). */
const markdownWithFlow = (statement: Statement): string => `${statementToMarkdown(statement).trimEnd()}\n\n## Money flow\n\n\`\`\`mermaid\n${statementToMermaid(statement)}\`\`\`\n`;

const RENDER: Record<string, (s: Statement) => string> = {
  text: statementToText,
  json: statementToJson,
  markdown: markdownWithFlow,
  csv: statementToCsv,
  mermaid: statementToMermaid,
};

/**
 * `omrl owed --manifest omrl.app.json --revenue report.csv [--period 2026-Q3] --rate USD/USDC=1.0001`:
 * computes what the app owes each model (and its upstream chain) per period and prints or writes
 * the statement. Exit 0: computed; 2: bad input (manifest, report, terms, a missing rate).
 */
async function run(options: OwedOptions, io: CliIO): Promise<void> {
  const manifestPath = resolve(io.cwd, options.manifest);
  const manifestText = await readFile(manifestPath, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new InvalidInputError(`cannot read the app manifest: ${error.code ?? error.message}`, { location: options.manifest });
  });
  const manifest = parseAppManifest(manifestText, { location: options.manifest });
  const account = manifest.licensee.account;
  if (account === undefined)
    throw new InvalidInputError(`licensee.account is needed to compute a statement (the CAIP-10 account that pays, e.g. "eip155:8453:0x…"); it is optional only for licence checks`, { location: `${options.manifest}#/licensee/account` });
  const rates = parseRates(options.rate);
  const resolveTerms = createResolver(manifest, dirname(manifestPath));
  const models: StatementModelInput[] = [];
  for (const model of manifest.models) {
    const terms = await resolveTerms(model.source, model.id);
    const termsHash = hashTerms(terms);
    if (model.termsHash !== undefined && model.termsHash !== termsHash)
      throw new InvalidInputError(`${model.id}: the manifest agreed to terms ${model.termsHash}, but ${model.source} now has terms ${termsHash}`);
    models.push({
      id: model.id!,
      model: model.source,
      use: model.use,
      terms,
      termsHash,
      attribution: model.attribution,
      ancestors: await resolveAncestors(model.id!, terms, resolveTerms),
    });
  }
  const revenue = await readRevenueFile(resolve(io.cwd, options.revenue), { format: options.revenueFormat, source: options.revenue });
  const statement = computeStatement({
    licensee: { name: manifest.licensee.name, account },
    models,
    revenue,
    rates,
    periods: options.period.length > 0 ? options.period : undefined,
  });
  if (options.out) {
    const ext = extname(options.out).toLowerCase();
    const render = ext === ".md" ? markdownWithFlow : ext === ".csv" ? statementToCsv : statementToJson;
    await writeFileAtomic(resolve(io.cwd, options.out), render(statement));
  }
  io.stdout(RENDER[options.format]!(statement));
  io.setExitCode(EXIT_OK);
}

export const owedCommand: CommandModule = {
  register(program: Command, io: CliIO) {
    program
      .command("owed")
      .description("compute what the app owes each model per period from a revenue report (a hashed statement)")
      .requiredOption("--revenue <file>", "revenue report, CSV (streamed) or JSON")
      .option("--manifest <file>", "app manifest", "omrl.app.json")
      .addOption(new Option("--revenue-format <format>", "report format (default: from the extension)").choices(["csv", "json"]))
      .option("--period <period>", "only this period (2026-07, 2026-Q3, 2026); repeatable", collect, [])
      .option("--rate <pair=rate>", "token per fiat unit, e.g. USD/USDC=1.0001; repeatable", collect, [])
      .option("--out <file>", "also write the statement (.json, .md or .csv by extension) atomically")
      .addOption(formatOption(["text", "json", "markdown", "csv", "mermaid"]))
      .action((options: OwedOptions) => run(options, io));
  },
};
