import { readFile, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import { createPublicClient, createWalletClient, getAddress, http, isAddress, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { weightsDigest } from "../artifacts/index.js";
import { InvalidInputError } from "../errors.js";
import { parsePercent } from "../money/index.js";
import {
  firstRegistrant,
  readRegistration,
  registerTerms,
  type RouterPayee,
} from "../payments/router/index.js";
import { openLocalSource } from "../sources/node.js";
import { evmChainId, hashTerms, parseCaip10, parseTerms, tokenAddress, type OmrlTerms } from "../terms/index.js";
import { EXIT_OK, EXIT_VIOLATIONS } from "./exit.js";
import { formatOption, type CliIO, type CommandModule } from "./program.js";

type RegisterOptions = {
  router?: string;
  rpc?: string;
  keyEnv: string;
  digests: boolean;
  dryRun?: boolean;
  confirmations: string;
  format: "text" | "json";
};

/** Files whose weights digest the registry records (the others have no tensor data). */
const WEIGHTS_FILE = /\.(safetensors|gguf)$/i;

type RegistrationPlan = {
  termsFile: string;
  termsHash: Hex;
  chainId: number;
  router: Address | null;
  licensor: Address;
  token: Address;
  payees: RouterPayee[];
  artifactDigests: { path: string; digest: Hex }[];
};

async function loadPlan(target: string, options: RegisterOptions): Promise<RegistrationPlan> {
  const info = await stat(target).catch(() => {
    throw new InvalidInputError(`no such file or folder: ${target}`);
  });
  const termsFile = info.isDirectory() ? join(target, "omrl.json") : target;
  const folder = info.isDirectory() ? target : dirname(target);
  const text = await readFile(termsFile, "utf8").catch(() => {
    throw new InvalidInputError(`no omrl.json in ${target} (run omrl init first)`, { location: termsFile });
  });
  const terms: OmrlTerms = parseTerms(text, { location: termsFile });

  // parseTerms has validated the CAIP identifiers; these lookups cannot fail on valid terms.
  const chainId = evmChainId(terms.payment.chain);
  const token = tokenAddress(terms.payment.token.id);
  const licensor = parseCaip10(terms.licensor.account)?.address;
  if (chainId === undefined || token === undefined || licensor === undefined || !isAddress(licensor, { strict: false }))
    throw new InvalidInputError("the terms' chain, token or licensor account is not an EVM identifier", { location: termsFile });

  const routerText = options.router ?? terms.payment.router;
  if (routerText !== undefined && !isAddress(routerText, { strict: false }))
    throw new InvalidInputError(`--router is not an address: ${routerText}`);

  const payees = terms.payment.payees.map((payee, index) => ({
    account: getAddress(payee.account),
    sharePpm: parsePercent(payee.share, `${termsFile}#/payment/payees/${index}/share`),
  }));

  const artifactDigests: { path: string; digest: Hex }[] = [];
  if (options.digests) {
    const weightFiles = (terms.model.artifacts ?? []).filter((artifact) => WEIGHTS_FILE.test(artifact.path));
    if (weightFiles.length > 0) {
      const source = await openLocalSource(folder);
      for (const artifact of weightFiles) {
        const { digest } = await weightsDigest(source, artifact.path).catch((error: unknown) => {
          throw new InvalidInputError(`cannot compute the weights digest of ${artifact.path} (use --no-digests to skip)`, {
            location: join(folder, artifact.path),
            cause: error,
            details: error instanceof Error ? error.message : String(error),
          });
        });
        artifactDigests.push({ path: artifact.path, digest: `0x${digest}` });
      }
    }
  }
  return {
    termsFile,
    termsHash: hashTerms(terms),
    chainId,
    router: routerText === undefined ? null : getAddress(routerText),
    licensor: getAddress(licensor),
    token,
    payees,
    artifactDigests,
  };
}

type RegisterResult = {
  status: "planned" | "registered" | "already-registered" | "conflict";
  termsHash: Hex;
  router: Address | null;
  chainId: number;
  licensor: Address;
  token: Address;
  payees: { account: Address; sharePpm: string }[];
  artifactDigests: { path: string; digest: Hex; firstLicensor: Address | null }[];
  transactionHash?: Hex;
  blockNumber?: string;
  message?: string;
};

function formatText(result: RegisterResult): string {
  const lines = [
    `${result.status === "planned" ? "would register" : result.status.replace("-", " ")}: terms ${result.termsHash}`,
    `  router   ${result.router ?? "(none)"} on chain ${result.chainId}`,
    `  licensor ${result.licensor}`,
    `  token    ${result.token}`,
    ...result.payees.map((p) => `  payee    ${p.account}  ${p.sharePpm} ppm`),
    ...result.artifactDigests.map(
      (a) =>
        `  weights  ${a.path}  ${a.digest}` +
        (a.firstLicensor && a.firstLicensor !== result.licensor ? `  (first registered by ${a.firstLicensor})` : ""),
    ),
  ];
  if (result.transactionHash) lines.push(`  tx       ${result.transactionHash} (block ${result.blockNumber})`);
  if (result.message) lines.push(result.message);
  return lines.join("\n") + "\n";
}

async function runRegister(target: string, options: RegisterOptions, io: CliIO): Promise<void> {
  const plan = await loadPlan(resolve(io.cwd, target), options);
  const confirmations = Number(options.confirmations);
  if (!Number.isInteger(confirmations) || confirmations < 1)
    throw new InvalidInputError(`--confirmations must be a positive integer, got ${options.confirmations}`);
  const result: RegisterResult = {
    status: "planned",
    termsHash: plan.termsHash,
    router: plan.router,
    chainId: plan.chainId,
    licensor: plan.licensor,
    token: plan.token,
    payees: plan.payees.map((p) => ({ account: p.account, sharePpm: p.sharePpm.toString() })),
    artifactDigests: plan.artifactDigests.map((a) => ({ ...a, firstLicensor: null })),
  };
  const print = (exitCode: number) => {
    io.stdout(options.format === "json" ? JSON.stringify(result, null, 2) + "\n" : formatText(result));
    io.setExitCode(exitCode);
  };
  if (options.dryRun) return print(EXIT_OK);

  const router = plan.router;
  if (!router) throw new InvalidInputError("no router: pass --router 0x… or set payment.router in omrl.json");
  const rpc = options.rpc ?? io.env.OMRL_RPC_URL;
  if (!rpc) throw new InvalidInputError("no RPC endpoint: pass --rpc URL or set OMRL_RPC_URL");
  const key = io.env[options.keyEnv];
  if (!key || !/^0x[0-9a-fA-F]{64}$/.test(key))
    throw new InvalidInputError(`set ${options.keyEnv} to the licensor's private key (0x + 64 hex digits)`);
  const account = privateKeyToAccount(key as Hex);
  if (account.address !== plan.licensor)
    throw new InvalidInputError(
      `the key in ${options.keyEnv} is ${account.address}, but the terms name ${plan.licensor} as licensor`,
    );

  const publicClient = createPublicClient({ transport: http(rpc) });
  const rpcChainId = await publicClient.getChainId();
  if (rpcChainId !== plan.chainId)
    throw new InvalidInputError(`the RPC serves chain ${rpcChainId}, but the terms pay on chain ${plan.chainId}`);

  for (const artifact of result.artifactDigests) {
    const first = await firstRegistrant({ publicClient, router, digest: artifact.digest });
    artifact.firstLicensor = first?.licensor ?? null;
    if (first && first.licensor !== plan.licensor)
      io.stderr(`omrl: warning: the weights of ${artifact.path} were first registered by ${first.licensor} (terms ${first.termsHash})\n`);
  }

  // Registrations are keyed by terms hash and licensor: only this licensor's own entry matters;
  // another account's registration of the same published hash cannot block it.
  const existing = await readRegistration({ publicClient, router, termsHash: plan.termsHash, licensor: plan.licensor });
  if (existing) {
    const same =
      existing.licensor === plan.licensor &&
      existing.token === plan.token &&
      existing.payees.length === plan.payees.length &&
      existing.payees.every((p, i) => p.account === plan.payees[i]?.account && p.sharePpm === plan.payees[i]?.sharePpm);
    result.status = same ? "already-registered" : "conflict";
    if (!same)
      result.message = `registered by ${existing.licensor} with a different token or split (version ${existing.version})`;
    return print(same ? EXIT_OK : EXIT_VIOLATIONS);
  }

  const walletClient = createWalletClient({ account, transport: http(rpc), chain: undefined });
  const sent = await registerTerms({
    walletClient,
    publicClient,
    router,
    termsHash: plan.termsHash,
    token: plan.token,
    payees: plan.payees,
    artifactDigests: plan.artifactDigests.map((a) => a.digest),
    confirmations,
  });
  result.status = "registered";
  result.transactionHash = sent.transactionHash;
  result.blockNumber = sent.blockNumber.toString();
  for (const artifact of result.artifactDigests) artifact.firstLicensor ??= plan.licensor;
  print(EXIT_OK);
}

/** `omrl register [dir]`: registers a release's payment terms on an OMRLRouter. */
export const registerCommand: CommandModule = {
  register(program: Command, io: CliIO) {
    program
      .command("register")
      .description("register the payment terms of omrl.json (token, payees, weights digests) on an OMRLRouter")
      .argument("[dir]", "model release folder containing omrl.json, or the omrl.json file itself", ".")
      .option("--router <address>", "OMRLRouter address (default: payment.router in omrl.json)")
      .option("--rpc <url>", "JSON-RPC endpoint of the terms' chain (default: $OMRL_RPC_URL)")
      .option("--key-env <name>", "environment variable holding the licensor's private key", "OMRL_PRIVATE_KEY")
      .option("--no-digests", "do not record the weights digests of the listed .safetensors/.gguf artifacts")
      .option("--dry-run", "print what would be registered and send nothing")
      .option("--confirmations <n>", "blocks to wait for", "1")
      .addOption(formatOption())
      .action((dir: string, options: RegisterOptions) => runRegister(dir, options, io));
  },
};
