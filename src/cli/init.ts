import { readFile, stat } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { Option, type Command } from "commander";
import { getAddress, isAddress } from "viem";
import { parseModelCard, writeCardFrontMatter } from "../artifacts/index.js";
import { InvalidInputError } from "../errors.js";
import { writeFileAtomic } from "../node/index.js";
import {
  OMRL_HUB_LICENSE_NAME,
  renderLicense,
  validateTerms,
  type OmrlTerms,
  type TermsUpstream,
} from "../terms/index.js";
import { EXIT_OK } from "./exit.js";
import { formatOption, type CliIO, type CommandModule } from "./program.js";
import { KNOWN_TOKENS } from "./shared/known-tokens.js";

type InitOptions = {
  name?: string;
  repo?: string;
  modelVersion?: string;
  licensorName?: string;
  licensor: string;
  payee: string[];
  rate: string;
  basis: "gross" | "net" | "attributable";
  period: "month" | "quarter" | "year";
  currency: string;
  dueDays: string;
  chain: string;
  token: string;
  tokenSymbol?: string;
  tokenDecimals?: string;
  router?: string;
  annualRevenue?: string;
  revenueWindow: "trailing_12_months" | "calendar_year";
  mau?: string;
  cap?: string;
  baseModel: string[];
  stacking: "absolute" | "relative";
  reciprocal: boolean;
  derivatives: boolean;
  attribution?: string;
  restriction: string[];
  fundingRound?: string;
  issued?: string;
  force?: boolean;
  format: "text" | "json";
};

const collect = (value: string, previous: string[]) => [...previous, value];

/** `0xADDR=70%` → a payee. */
function parsePayee(flag: string): OmrlTerms["payment"]["payees"][number] {
  const m = /^(0x[0-9a-fA-F]{40})=(\S+%)(?::(.+))?$/.exec(flag);
  if (!m) throw new InvalidInputError(`--payee ${flag}: expected 0xADDRESS=SHARE%, e.g. 0xAb…=70% (optionally :Name)`);
  return { account: getAddress(m[1]!), share: m[2]!, ...(m[3] ? { name: m[3] } : {}) };
}

/** `org/name=llama3.2` or `org/name=llama3.2:finetune` → an upstream entry. */
function parseBaseModel(flag: string): TermsUpstream {
  const m = /^([^=\s]+)=([^:\s]+)(?::(finetune|adapter|quantized|merge))?$/.exec(flag);
  if (!m) throw new InvalidInputError(`--base-model ${flag}: expected ORG/NAME=LICENSE[:RELATION], e.g. meta-llama/Llama-3.2-1B=llama3.2:finetune`);
  return { repo: m[1]!, license: m[2]!, ...(m[3] ? { relation: m[3] as TermsUpstream["relation"] } : {}) };
}

/** `--token USDC`, `--token 0x…` or `--token eip155:…/erc20:0x…` → the terms' token. */
function resolveToken(options: InitOptions): OmrlTerms["payment"]["token"] {
  const known = KNOWN_TOKENS[options.chain]?.[options.token.toUpperCase()];
  if (known) return { id: `${options.chain}/erc20:${known.address}`, symbol: options.token.toUpperCase(), decimals: known.decimals };
  const id = isAddress(options.token, { strict: false }) ? `${options.chain}/erc20:${getAddress(options.token)}` : options.token;
  if (!options.tokenSymbol || options.tokenDecimals === undefined)
    throw new InvalidInputError(`--token ${options.token} is not a token omrl knows on ${options.chain}: give --token-symbol and --token-decimals too`);
  return { id, symbol: options.tokenSymbol, decimals: parseInteger(options.tokenDecimals, "--token-decimals") };
}

function parseInteger(value: string, flag: string): number {
  if (!/^\d{1,15}$/.test(value)) throw new InvalidInputError(`${flag} ${value}: expected a whole number`);
  return Number(value);
}

/** Builds the terms from the flags; validation happens afterwards, on the whole. */
function termsFromOptions(options: InitOptions, dir: string): OmrlTerms {
  const licensorAccount = isAddress(options.licensor, { strict: false }) ? `${options.chain}:${getAddress(options.licensor)}` : options.licensor;
  const payees = (options.payee.length > 0 ? options.payee.map(parsePayee) : [{ account: licensorAccount.split(":").pop()!, share: "100%" }]) as OmrlTerms["payment"]["payees"];
  const thresholds: NonNullable<OmrlTerms["revenueShare"]["thresholds"]> = {};
  if (options.annualRevenue !== undefined) Object.assign(thresholds, { annualRevenue: options.annualRevenue, revenueWindow: options.revenueWindow });
  if (options.mau !== undefined) thresholds.monthlyActiveUsers = parseInteger(options.mau, "--mau");
  const terms: OmrlTerms = {
    omrl: "1.0",
    model: {
      name: options.name ?? basename(dir),
      ...(options.repo ? { repo: options.repo } : {}),
      ...(options.modelVersion ? { version: options.modelVersion } : {}),
    },
    licensor: { name: options.licensorName ?? options.name ?? basename(dir), account: licensorAccount },
    revenueShare: {
      rate: options.rate,
      basis: options.basis,
      period: options.period,
      currency: options.currency,
      dueDays: parseInteger(options.dueDays, "--due-days"),
      ...(Object.keys(thresholds).length > 0 ? { thresholds } : {}),
      ...(options.cap ? { cap: options.cap } : {}),
    },
    payment: {
      chain: options.chain,
      token: resolveToken(options),
      payees,
      ...(options.router ? { router: options.router } : {}),
    },
    derivatives: { allowed: options.derivatives, reciprocal: options.derivatives && options.reciprocal, stacking: options.stacking },
    ...(options.attribution ? { attribution: { required: true, text: options.attribution } } : {}),
    ...(options.restriction.length > 0 ? { useRestrictions: options.restriction } : {}),
    ...(options.baseModel.length > 0 ? { upstream: options.baseModel.map(parseBaseModel) } : {}),
    ...(options.fundingRound ? { funding: { round: options.fundingRound } } : {}),
    issued: options.issued ?? new Date().toISOString().slice(0, 10),
  };
  return terms;
}

const exists = (path: string) => stat(path).then(() => true, () => false);

const RELATIONS = ["finetune", "adapter", "quantized", "merge"] as const;
const asList = (value: string | string[] | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value]).map((v) => v.trim()).filter(Boolean);

/**
 * Merges the card's `base_model` / `base_model_relation` into the upstream list from the flags:
 * a base the card names needs its licence from a `--base-model` flag (omrl.json records each
 * upstream model with its licence); a flag without a relation takes the card's.
 */
function importCardBases(upstream: TermsUpstream[], card: { bases: string[]; relation?: string | undefined }): TermsUpstream[] {
  const given = new Set(upstream.map((u) => u.repo.toLowerCase()));
  const missing = card.bases.filter((b) => !given.has(b.toLowerCase()));
  if (missing.length > 0)
    throw new InvalidInputError(
      `README.md names base_model ${missing.join(", ")}: give ${missing.length === 1 ? "its licence" : "their licences"} with ${missing.map((b) => `--base-model ${b}=LICENSE[:RELATION]`).join(" ")} (omrl.json records each upstream model with its licence; \`omrl licenses\` lists the ids)`,
    );
  const relation = (RELATIONS as readonly string[]).includes(card.relation ?? "") ? (card.relation as TermsUpstream["relation"]) : undefined;
  return upstream.map((u) => (u.relation === undefined && relation !== undefined && card.bases.some((b) => b.toLowerCase() === u.repo.toLowerCase()) ? { ...u, relation } : u));
}

async function init(target: string, options: InitOptions, io: CliIO) {
  const dir = resolve(io.cwd, target);
  const termsPath = join(dir, "omrl.json");
  const licensePath = join(dir, "LICENSE.md");
  const cardPath = join(dir, "README.md");
  if (!options.force)
    for (const path of [termsPath, licensePath])
      if (await exists(path)) throw new InvalidInputError(`${path} already exists; use --force to overwrite it`);

  const terms = termsFromOptions(options, dir);
  const warnings: string[] = [];
  const card = (await exists(cardPath)) ? await readFile(cardPath, "utf8") : `# ${terms.model.name}\n`;
  const before = parseModelCard(card).frontMatter;
  const cardBases = asList(before?.baseModel);
  if (cardBases.length > 0 || terms.upstream) {
    const upstream = importCardBases(terms.upstream ?? [], { bases: cardBases, relation: before?.baseModelRelation });
    if (upstream.length > 0) terms.upstream = upstream;
  }
  const previous = asList(before?.license);
  const wasOmrl = previous.length === 1 && previous[0]!.toLowerCase() === "other" && before?.licenseName?.toLowerCase() === OMRL_HUB_LICENSE_NAME;
  if (previous.length > 0 && !wasOmrl) {
    const named = previous.join(", ") + (before?.licenseName ? ` (license_name: ${before.licenseName})` : "");
    warnings.push(`README.md said license: ${named}; it now says license: other, license_name: ${OMRL_HUB_LICENSE_NAME}. Only the copyright holder can relicense: if the model derives from a model under ${named}, list it with --base-model so its terms stay visible.`);
  }
  const result = validateTerms(terms);
  if (!result.valid)
    throw new InvalidInputError(`the terms from these flags are not valid: ${result.issues.map((i) => `${i.pointer} ${i.message}`).join("; ")}`);

  const baseModels = terms.upstream?.map((u) => u.repo);
  const relations = [...new Set((terms.upstream ?? []).map((u) => u.relation))];
  const relation = relations.length === 1 ? relations[0] : undefined;
  if (relations.length > 1) warnings.push(`the upstream models have different relations (${relations.map((r) => r ?? "none").join(", ")}); the card's single base_model_relation is left out`);
  const newCard = writeCardFrontMatter(card, {
    license: "other",
    license_name: OMRL_HUB_LICENSE_NAME,
    license_link: "LICENSE.md",
    ...(baseModels?.length ? { base_model: baseModels.length === 1 ? baseModels[0] : baseModels } : {}),
    ...(relation !== undefined ? { base_model_relation: relation } : relations.length > 1 ? { base_model_relation: undefined } : {}),
  });

  await writeFileAtomic(termsPath, `${JSON.stringify(terms, null, 2)}\n`);
  await writeFileAtomic(licensePath, renderLicense(terms));
  await writeFileAtomic(cardPath, newCard);

  const written = [termsPath, licensePath, cardPath];
  for (const warning of warnings) io.stderr(`omrl: warning: ${warning}\n`);
  if (options.format === "json") io.stdout(`${JSON.stringify({ written, terms, warnings }, null, 2)}\n`);
  else
    io.stdout(
      [
        `Wrote ${written.map((p) => p.replace(`${io.cwd}/`, "")).join(", ")}`,
        `Terms: ${terms.revenueShare.rate} of ${terms.revenueShare.basis} revenue per ${terms.revenueShare.period}, paid in ${terms.payment.token.symbol} on ${terms.payment.chain} to ${terms.payment.payees.length} payee(s).`,
        "Next: omrl tag --stamp (records artifact digests), then omrl sign --key-env VAR.",
        "",
      ].join("\n"),
    );
  io.setExitCode(EXIT_OK);
}

export const initCommand: CommandModule = {
  register(program: Command, io: CliIO) {
    program
      .command("init")
      .description("write omrl.json, LICENSE.md and the model card's licence fields for a model release")
      .argument("[dir]", "the model release folder", ".")
      .option("--name <name>", "model name (default: the folder's name)")
      .option("--repo <org/name>", "Hugging Face Hub repo id")
      .option("--model-version <version>", "model version")
      .option("--licensor-name <name>", "licensor's name (default: the model name)")
      .requiredOption("--licensor <account>", "licensor's CAIP-10 account or 0x address (on --chain)")
      .option("--payee <0xADDR=SHARE%>", "a payee and its share, repeatable (default: the licensor, 100%)", collect, [])
      .option("--rate <percent>", "revenue share rate", "5%")
      .addOption(new Option("--basis <basis>", "revenue basis").choices(["gross", "net", "attributable"]).default("net"))
      .addOption(new Option("--period <period>", "reporting period").choices(["month", "quarter", "year"]).default("quarter"))
      .option("--currency <ISO4217>", "currency of revenue and thresholds", "USD")
      .option("--due-days <days>", "days after a period ends by which payment is due", "30")
      .option("--chain <caip2>", "payment chain (CAIP-2)", "eip155:8453")
      .option("--token <token>", "payment token: a known symbol (USDC), an address or a CAIP-19 id", "USDC")
      .option("--token-symbol <symbol>", "token symbol, for a token omrl does not know")
      .option("--token-decimals <n>", "token decimals, for a token omrl does not know")
      .option("--router <0xADDR>", "an OMRLRouter to pay through")
      .option("--annual-revenue <amount>", "exempt when annual revenue is at or below this")
      .addOption(new Option("--revenue-window <window>", "how annual revenue is measured").choices(["trailing_12_months", "calendar_year"]).default("trailing_12_months"))
      .option("--mau <users>", "exempt when monthly active users are at or below this")
      .option("--cap <amount>", "most owed per period")
      .option("--base-model <org/name=LICENSE[:RELATION]>", "an upstream model and its licence, repeatable", collect, [])
      .addOption(new Option("--stacking <mode>", "how this model's share stacks on derivatives").choices(["absolute", "relative"]).default("relative"))
      .option("--no-reciprocal", "derivatives need not be licensed under OMRL")
      .option("--no-derivatives", "derivatives may not be distributed")
      .option("--attribution <text>", 'required attribution notice, e.g. "Built with Acme Tiny"')
      .option("--restriction <text>", "a use restriction that flows down, repeatable", collect, [])
      .option("--funding-round <name>", "the funding round that funded the model")
      .option("--issued <date>", "issue date (default: today)")
      .option("--force", "overwrite an existing omrl.json and LICENSE.md")
      .addOption(formatOption())
      .action((dir: string, options: InitOptions) => init(dir, options, io));
  },
};
