#!/usr/bin/env node
/**
 * A payment run, end to end, on a local Anvil node:
 *
 *   statement.json ──omrl pay --safe-batch──▶ safe-batch.json   (what a treasury signs in the Safe app)
 *                  ──omrl pay --send───────▶ referenced transfers + ledger  (here: from a dev key on Anvil)
 *                  ──omrl pay --send (ledger lost)──▶ pays nothing: the chain shows every line paid
 *                  ──omrl reconcile────────▶ paid / unpaid report, each line matched by its on-chain reference
 *
 * Usage (from the repository root, after `npm run build`):
 *   npx anvil &                                   # a fresh node on 127.0.0.1:8545
 *   node examples/payment-run/run.mjs [--rpc http://127.0.0.1:8545] [--out ./payment-run-out] [--statement s.json]
 *
 * `--statement` pays another statement, e.g. the one `omrl owed` writes in examples/app-ci/.
 *
 * The statement names chain eip155:31337 and the token address Anvil gives the first contract its
 * first dev account deploys, so the run needs a fresh node. The keys below are Anvil's public dev
 * keys; never use them anywhere else.
 */
import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createPublicClient, createWalletClient, defineChain, erc20Abi, getAddress, http } from "viem";
import { privateKeyToAccount } from "viem/accounts";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..", "..");
const { validateSafeBatch, planPayments } = await import(join(root, "dist", "node.js"));

// Anvil's default dev accounts 0 (deployer) and 1 (the licensee, Acme Apps).
const DEPLOYER_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const PAYER_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const rpc = flag("--rpc", process.env.RPC_URL ?? "http://127.0.0.1:8545");
const out = resolve(flag("--out", await mkdtemp(join(tmpdir(), "omrl-payment-run-"))));
await mkdir(out, { recursive: true });
const statementPath = resolve(flag("--statement", join(here, "statement.json")));
const statement = JSON.parse(await readFile(statementPath, "utf8"));

const transport = http(rpc);
const chainId = await createPublicClient({ transport }).getChainId();
const chain = defineChain({ id: chainId, name: "local", nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 }, rpcUrls: { default: { http: [rpc] } } });
const publicClient = createPublicClient({ chain, transport, pollingInterval: 100 });
if (`eip155:${chainId}` !== statement.obligations[0].chain) throw new Error(`the RPC is chain ${chainId}; the statement pays on ${statement.obligations[0].chain}`);

function omrl(...cliArgs) {
  const env = { ...process.env, OMRL_PAYER_KEY: PAYER_KEY };
  const result = spawnSync(process.execPath, [join(root, "dist", "cli.js"), ...cliArgs], { encoding: "utf8", env });
  process.stdout.write(`$ omrl ${cliArgs.join(" ")}\n${result.stdout}`);
  if (result.stderr) process.stderr.write(result.stderr);
  return result.status;
}

// 1. The test USDC (6 decimals) at the address the statement names, and the licensee's funds.
const plan = planPayments(statement);
const token = plan.batches[0].token;
const deployer = createWalletClient({ chain, transport, account: privateKeyToAccount(DEPLOYER_KEY) });
const artifact = JSON.parse(await readFile(join(root, "contracts", "artifacts", "TestToken.json"), "utf8"));
if ((await publicClient.getCode({ address: token })) === undefined) {
  const hash = await deployer.deployContract({ abi: artifact.abi, bytecode: artifact.bytecode, args: ["USD Coin (test)", "USDC", 6] });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (getAddress(receipt.contractAddress) !== getAddress(token))
    throw new Error(`the test token landed at ${receipt.contractAddress}, not ${token}: start from a fresh anvil`);
}
const fromBlock = await publicClient.getBlockNumber();
const mintHash = await deployer.writeContract({ address: token, abi: artifact.abi, functionName: "mint", args: [plan.payer, 10_000_000_000n] });
await publicClient.waitForTransactionReceipt({ hash: mintHash });
console.log(`minted 10000 USDC to the licensee ${plan.payer}; paying ${plan.batches[0].total} base units\n`);

// 2. The Safe Transaction Builder batch a treasury would import and sign; checked like the app does.
const batchPath = join(out, "safe-batch.json");
if (omrl("pay", "--statement", statementPath, "--safe-batch", batchPath, "--created-at", "1793404800000") !== 0) process.exit(2);
const batch = validateSafeBatch(JSON.parse(await readFile(batchPath, "utf8")));
console.log(`batch checksum verified: ${batch.meta.checksum}\n`);

// 3. On Anvil, send it directly from the licensee's key (an env var, never a flag).
const ledger = join(out, "ledger.jsonl");
if (omrl("pay", "--statement", statementPath, "--send", "--rpc", rpc, "--key-env", "OMRL_PAYER_KEY", "--ledger", ledger) !== 0) process.exit(2);
// Running it again — here with the ledger lost (a fresh CI runner, a second operator) — pays
// nothing: the run reconciles the statement on chain first, and every transfer carries its
// statement's reference.
if (omrl("pay", "--statement", statementPath, "--send", "--rpc", rpc, "--key-env", "OMRL_PAYER_KEY", "--ledger", join(out, "lost-ledger.jsonl")) !== 0) process.exit(2);
// A Safe batch asked for now, with --rpc, leaves out what the chain shows paid: nothing left.
if (omrl("pay", "--statement", statementPath, "--safe-batch", join(out, "safe-batch-rest.json"), "--rpc", rpc) !== 0) process.exit(2);

// 4. Anyone can check the statement against the chain.
// (Without --from-block it starts at the first block of the statement's earliest period.)
const code = omrl("reconcile", "--statement", statementPath, "--rpc", rpc, "--from-block", String(fromBlock), "--format", "markdown");
for (const line of plan.batches[0].lines) {
  const balance = await publicClient.readContract({ address: token, abi: erc20Abi, functionName: "balanceOf", args: [line.payee] });
  console.log(`${line.payee} holds ${balance} base units`);
}
console.log(`\noutputs in ${out}`);
process.exit(code);
