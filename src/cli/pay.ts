import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import { getAddress, isAddress, type Address } from "viem";
import { InvalidInputError } from "../errors.js";
import { writeFileAtomic } from "../node/index.js";
import {
  formatUnitsExact,
  planPayments,
  planUnpaid,
  registrationDifferences,
  sendPayments,
  toSafeBatch,
  toWalletSendCalls,
  type PaymentPlan,
} from "../payments/index.js";
import { parsePercent } from "../money/index.js";
import { hashTerms, licensorAddress, parseTerms, tokenAddress, verifyTermsSignature } from "../terms/index.js";
import { openFileLedger } from "../payments/node/index.js";
import { clientsForRpc, privateKeyFromEnv, readJsonFile } from "../payments/node/cli-support.js";
import { EXIT_OK } from "./exit.js";
import { formatOption, type CliIO, type CommandModule } from "./program.js";

type PayOptions = {
  statement: string;
  safeBatch?: string;
  calls?: string;
  send?: boolean;
  rpc?: string;
  keyEnv?: string;
  confirmations: string;
  ledger?: string;
  router?: boolean;
  safe?: string;
  payer?: string;
  name?: string;
  chain?: string;
  createdAt?: string;
  approve: boolean;
  reference: boolean;
  fromBlock?: string;
  terms?: string[];
  format: "text" | "json";
};

/**
 * Reads signed terms files: each must verify (signed by its licensor) and gives its terms hash's
 * licensor, token and payees, the registration a router payment must find.
 */
async function readSignedTerms(paths: string[], cwd: string) {
  const out = new Map<string, { licensor: Address; token: Address; payees: { account: Address; sharePpm: bigint }[]; path: string }>();
  for (const path of paths) {
    const file = resolve(cwd, path);
    const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
      throw new InvalidInputError(`cannot read the terms: ${error.code ?? error.message}`, { location: path });
    });
    const terms = parseTerms(text, { location: path });
    const verified = await verifyTermsSignature(terms);
    if (!verified.byLicensor)
      throw new InvalidInputError(`the terms are not signed by their licensor (${verified.reason ?? "invalid signature"}); router payments are checked against signed terms`, { location: path });
    const token = tokenAddress(terms.payment.token.id);
    if (!token) throw new InvalidInputError("the terms' payment token is not an ERC-20 address", { location: path });
    out.set(hashTerms(terms).toLowerCase(), {
      licensor: licensorAddress(terms),
      token,
      payees: terms.payment.payees.map((p, i) => ({ account: getAddress(p.account), sharePpm: parsePercent(p.share, `${path}#/payment/payees/${i}/share`) })),
      path,
    });
  }
  return out;
}

function blockFlag(value: string, flag: string): bigint {
  if (!/^\d{1,20}$/.test(value)) throw new InvalidInputError(`${flag} must be a block number, got ${JSON.stringify(value)}`);
  return BigInt(value);
}

function positiveInteger(value: string, flag: string): number {
  if (!/^[1-9]\d{0,5}$/.test(value)) throw new InvalidInputError(`${flag} must be a positive integer, got ${JSON.stringify(value)}`);
  return Number(value);
}

function addressFlag(value: string, flag: string): Address {
  if (!isAddress(value, { strict: false })) throw new InvalidInputError(`${flag} must be a 0x address`);
  return getAddress(value);
}

function describePlan(plan: PaymentPlan): string[] {
  return plan.batches.flatMap((batch) =>
    batch.lines.map(
      (line) =>
        `${line.kind.padEnd(10)} ${line.obligationId ?? "(router allowance)"}  ${line.payee}  ${formatUnitsExact(line.amount, batch.decimals)} ${batch.symbol}`,
    ),
  );
}

/**
 * `omrl pay --statement s.json (--safe-batch out.json | --calls out.json | --send --rpc URL --key-env VAR)`:
 * turns a statement into payments. Exit 0: written or sent; 2: bad input, insufficient balance
 * or allowance (nothing sent), a wrong chain or signer.
 */
async function run(options: PayOptions, io: CliIO): Promise<void> {
  const modes = [options.safeBatch !== undefined, options.calls !== undefined, options.send === true].filter(Boolean).length;
  if (modes !== 1) throw new InvalidInputError("choose exactly one of --safe-batch <file>, --calls <file>, --send");
  const statementPath = resolve(io.cwd, options.statement);
  const json = await readJsonFile(statementPath, "statement");
  const report = (summary: Record<string, unknown>, text: string[]) =>
    io.stdout(options.format === "json" ? `${JSON.stringify(summary, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2)}\n` : `${text.join("\n")}\n`);
  const signedTerms = await readSignedTerms(options.terms ?? [], io.cwd);
  if (options.router && signedTerms.size === 0)
    throw new InvalidInputError("--router needs the signed terms of each obligation (--terms omrl.json, repeatable): the router registration is checked against them");
  const fromBlock = options.fromBlock === undefined ? undefined : blockFlag(options.fromBlock, "--from-block");
  let plan = planPayments(json, {
    method: options.router ? "router" : "transfer",
    location: options.statement,
    reference: options.reference,
    licensors: Object.fromEntries([...signedTerms].map(([hash, t]) => [hash, t.licensor])),
    ...(options.payer ? { payer: addressFlag(options.payer, "--payer") } : {}),
  });
  // The statement's router lines must say what the signed terms say (token and split).
  for (const line of plan.batches.flatMap((b) => b.lines)) {
    if (line.kind !== "router-pay" || !line.registration) continue;
    const terms = signedTerms.get(line.registration.termsHash.toLowerCase())!;
    const differences = registrationDifferences(
      { termsHash: line.registration.termsHash, licensor: terms.licensor, token: line.registration.token, version: 0, payees: [...line.registration.payees], artifactDigests: [] },
      { termsHash: line.registration.termsHash, licensor: terms.licensor, token: terms.token, payees: terms.payees },
    );
    if (differences.length > 0)
      throw new InvalidInputError(`obligation "${line.obligationId}" does not match its signed terms (${terms.path}): ${differences.join("; ")}`, { location: options.statement });
  }
  if (!options.reference && options.format === "text")
    io.stderr("note: --no-reference: payments carry no on-chain reference; reconcile will match them by amount only\n");
  // --safe-batch and --calls with --rpc: leave out what the chain shows paid.
  let paidOnChain = 0;
  if (options.rpc && !options.send) {
    const { publicClient } = await clientsForRpc(options.rpc);
    const unpaid = await planUnpaid({ plan, publicClient, ...(fromBlock === undefined ? {} : { fromBlock }) });
    paidOnChain = unpaid.paid.length;
    plan = unpaid.plan;
    if (options.format === "text" && paidOnChain > 0) io.stderr(`${paidOnChain} line(s) already paid on chain, left out\n`);
    if (plan.batches.length === 0) {
      report({ statementHash: plan.statementHash, alreadyPaid: paidOnChain, file: null }, [`nothing to pay: all ${paidOnChain} line(s) are paid on chain; no file written`]);
      io.setExitCode(EXIT_OK);
      return;
    }
  }
  const chainId = options.chain === undefined ? undefined : positiveInteger(options.chain, "--chain");
  const periods = plan.parsed.statement.periods.join(", ");
  const licensee = plan.parsed.statement.licensee.name;
  const lines = plan.batches.reduce((n, b) => n + b.lines.length, 0);

  if (options.safeBatch !== undefined) {
    if (options.createdAt !== undefined && !/^\d{1,15}$/.test(options.createdAt))
      throw new InvalidInputError("--created-at must be milliseconds since the epoch");
    const createdAt = options.createdAt === undefined ? Date.now() : Number(options.createdAt);
    const batch = toSafeBatch(plan, {
      safeAddress: options.safe ? addressFlag(options.safe, "--safe") : plan.payer,
      name: options.name ?? `OMRL ${periods} — ${licensee}`,
      description: `Revenue share for ${periods} (statement ${plan.statementHash})`,
      createdAt,
      ...(chainId === undefined ? {} : { chainId }),
    });
    await writeFileAtomic(resolve(io.cwd, options.safeBatch), `${JSON.stringify(batch, null, 2)}\n`);
    report(
      { file: options.safeBatch, chainId: batch.chainId, transactions: batch.transactions.length, checksum: batch.meta.checksum },
      [...describePlan(plan), `wrote ${options.safeBatch}: ${batch.transactions.length} transactions for Safe ${batch.meta.createdFromSafeAddress} on chain ${batch.chainId} (checksum ${batch.meta.checksum})`],
    );
  } else if (options.calls !== undefined) {
    const request = toWalletSendCalls(plan, { from: plan.payer, ...(chainId === undefined ? {} : { chainId }) });
    await writeFileAtomic(resolve(io.cwd, options.calls), `${JSON.stringify(request, null, 2)}\n`);
    report(
      { file: options.calls, chainId: request.params[0].chainId, calls: request.params[0].calls.length },
      [...describePlan(plan), `wrote ${options.calls}: wallet_sendCalls with ${request.params[0].calls.length} calls from ${plan.payer}`],
    );
  } else {
    if (!options.rpc) throw new InvalidInputError("--send needs --rpc <url>");
    if (!options.keyEnv) throw new InvalidInputError("--send needs --key-env <VAR> (the environment variable holding the payer's key)");
    const key = privateKeyFromEnv(options.keyEnv, io.env);
    const confirmations = positiveInteger(options.confirmations, "--confirmations");
    const { publicClient, walletClient } = await clientsForRpc(options.rpc, key);
    const ledger = await openFileLedger(resolve(io.cwd, options.ledger ?? `${options.statement}.ledger.jsonl`));
    const release = await ledger.lock();
    try {
      const result = await sendPayments({
        plan,
        walletClient: walletClient!,
        publicClient,
        ledger,
        confirmations,
        approve: options.approve,
        ...(fromBlock === undefined ? {} : { fromBlock }),
        onLine: ({ line, transactionHash }) => {
          if (options.format === "text") io.stderr(`paid ${line.obligationId} → ${line.payee} ${line.amount} (${transactionHash})\n`);
        },
      });
      report(
        {
          statementHash: plan.statementHash,
          ledger: ledger.path,
          sent: result.sent.map((s) => ({ obligationId: s.line.obligationId, payee: s.line.payee, amount: s.line.amount, transactionHash: s.transactionHash, blockNumber: s.blockNumber })),
          alreadyPaid: result.alreadyPaid.map((s) => ({ obligationId: s.line.obligationId, payee: s.line.payee, amount: s.line.amount, transactionHash: s.transactionHash })),
          approvals: result.approvals.map((a) => ({ spender: a.line.payee, amount: a.line.amount, transactionHash: a.transactionHash })),
        },
        [
          `sent ${result.sent.length} payment(s), ${result.alreadyPaid.length} already paid on chain (from block ${result.fromBlock}), ${result.approvals.length} approval(s); ${lines} planned line(s); ledger ${ledger.path}`,
        ],
      );
    } finally {
      await release();
    }
  }
  io.setExitCode(EXIT_OK);
}

export const payCommand: CommandModule = {
  register(program: Command, io: CliIO) {
    program
      .command("pay")
      .description("pay a statement: write a Safe Transaction Builder batch, an EIP-5792 call batch, or send from a key")
      .requiredOption("--statement <file>", "the statement (from omrl owed)")
      .option("--safe-batch <file>", "write a Safe Transaction Builder batch file")
      .option("--calls <file>", "write an EIP-5792 wallet_sendCalls request")
      .option("--send", "send the payments now from the key in --key-env")
      .option("--rpc <url>", "JSON-RPC endpoint (--send; with --safe-batch/--calls: leave out lines already paid on chain)")
      .option("--key-env <VAR>", "environment variable holding the payer's private key (with --send)")
      .option("--confirmations <n>", "confirmations to wait for per payment (with --send)", "1")
      .option("--ledger <file>", "payment ledger (default <statement>.ledger.jsonl)")
      .option("--router", "pay through each obligation's OMRLRouter (approve + pay) instead of direct transfers; needs --terms")
      .option("--terms <file...>", "signed omrl.json of the obligations (with --router: the registration must match it)")
      .option("--no-reference", "do not append the OMRL payment reference to the calldata (reconcile then matches by amount)")
      .option("--from-block <n>", "first block of the on-chain check of what is paid (default: the first block of the statement's earliest period)")
      .option("--no-approve", "with --router: fail instead of approving the router when its allowance is short")
      .option("--safe <address>", "the Safe that executes the batch (default: the licensee account)")
      .option("--payer <address>", "who pays (default: the licensee account)")
      .option("--name <name>", "batch name shown in the Transaction Builder")
      .option("--chain <id>", "the chain to pay on, when the statement spans several")
      .option("--created-at <ms>", "batch creation time in ms since the epoch (default now; for reproducible files)")
      .addOption(formatOption(["text", "json"]))
      .action((options: PayOptions) => run(options, io));
  },
};
