import { resolve } from "node:path";
import type { Command } from "commander";
import { getAddress, isAddress } from "viem";
import { InvalidInputError } from "../errors.js";
import { formatReconciliation, reconcileStatement } from "../payments/index.js";
import { clientsForRpc, readJsonFile } from "../payments/node/cli-support.js";
import { EXIT_OK, EXIT_VIOLATIONS } from "./exit.js";
import { formatOption, type CliIO, type CommandModule } from "./program.js";

type ReconcileOptions = {
  statement: string;
  rpc: string;
  fromBlock?: string;
  toBlock?: string;
  confirmations: string;
  chunkSize: string;
  payer?: string;
  asOf?: string;
  format: "text" | "json" | "markdown";
};

function blockNumber(value: string, flag: string): bigint {
  if (!/^\d{1,20}$/.test(value)) throw new InvalidInputError(`${flag} must be a block number, got ${JSON.stringify(value)}`);
  return BigInt(value);
}

function positiveInteger(value: string, flag: string): number {
  if (!/^[1-9]\d{0,6}$/.test(value)) throw new InvalidInputError(`${flag} must be a positive integer, got ${JSON.stringify(value)}`);
  return Number(value);
}

/**
 * `omrl reconcile --statement s.json --rpc URL [--from-block N]`: matches the chain's payments to
 * the statement. Exit 0: nothing overdue; 1: something unpaid or underpaid past its due date;
 * 2: bad input or an unreachable RPC.
 */
async function run(options: ReconcileOptions, io: CliIO): Promise<void> {
  const json = await readJsonFile(resolve(io.cwd, options.statement), "statement");
  let now = new Date();
  if (options.asOf !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/.test(options.asOf) || Number.isNaN(Date.parse(options.asOf)))
      throw new InvalidInputError("--as-of must be a date (YYYY-MM-DD) or an ISO time in UTC");
    now = new Date(options.asOf);
  }
  if (options.payer !== undefined && !isAddress(options.payer, { strict: false })) throw new InvalidInputError("--payer must be a 0x address");
  const { publicClient } = await clientsForRpc(options.rpc);
  const report = await reconcileStatement({
    statement: json,
    location: options.statement,
    publicClient,
    ...(options.fromBlock === undefined ? {} : { fromBlock: blockNumber(options.fromBlock, "--from-block") }),
    ...(options.toBlock === undefined ? {} : { toBlock: blockNumber(options.toBlock, "--to-block") }),
    confirmations: positiveInteger(options.confirmations, "--confirmations"),
    chunkSize: BigInt(positiveInteger(options.chunkSize, "--chunk-size")),
    ...(options.payer === undefined ? {} : { payer: getAddress(options.payer) }),
    now,
  });
  io.stdout(formatReconciliation(report, options.format));
  io.setExitCode(report.ok ? EXIT_OK : EXIT_VIOLATIONS);
}

export const reconcileCommand: CommandModule = {
  register(program: Command, io: CliIO) {
    program
      .command("reconcile")
      .description("match on-chain payments (token transfers and router events) to a statement; exit 1 when something is overdue")
      .requiredOption("--statement <file>", "the statement (from omrl owed)")
      .requiredOption("--rpc <url>", "JSON-RPC endpoint of the statement's chain")
      .option("--from-block <n>", "first block to read (default: the first block at or after the statement's earliest period start)")
      .option("--to-block <n>", "last block to read (default: the head)")
      .option("--confirmations <n>", "confirmations before a payment counts as paid", "1")
      .option("--chunk-size <n>", "blocks per eth_getLogs request (halved when the RPC refuses)", "2000")
      .option("--payer <address>", "whose payments count (default: the licensee account)")
      .option("--as-of <date>", "judge overdue as of this date instead of now (audits)")
      .addOption(formatOption(["text", "json", "markdown"]))
      .action((options: ReconcileOptions) => run(options, io));
  },
};
