// Reconciling a 100-line statement on a real Anvil node over 50,000 blocks (OMRL_BENCH_BLOCKS) that also hold 10,000
// unrelated transfers of the same token (9,000 between other accounts, 1,000 from the payer to
// addresses the statement does not name), with the 100 referenced payments spread through the range.
// Case: reconcileStatement from block 0 (Transfer logs from the payer, filtered to the payees,
// transaction inputs fetched for the payer→payee transfers only, references decoded).
// Anchor: one plain eth_getLogs pass over the same range, same chunk size (2,000 blocks), for the
// token's Transfer logs from the payer — what any reconciliation has to read at least.
// Counted on the transport: RPC requests by method.
import { fileURLToPath, pathToFileURL } from "node:url";
import { join } from "node:path";
import { readFile } from "node:fs/promises";
import { build } from "esbuild";
import { createPublicClient, encodeFunctionData, erc20Abi, getAbiItem, http, parseAbi } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { getLogsChunked, hashStatement, planPayments, reconcileStatement } from "../../dist/index.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
// 50,000 by default, as the issue asks; OMRL_BENCH_BLOCKS lowers it (on the 2-core machine the
// 50,000-block setup did not finish in 10 minutes, Anvil busy in anvil_mine; see BENCHMARKS.md).
// Fewer blocks make the anchor cheaper while the case's extra work (100 transaction inputs) stays
// about the same, so a ratio measured on fewer blocks is expected, not proven, to be higher.
const BLOCKS = Number(process.env.OMRL_BENCH_BLOCKS ?? 50_000);
const UNRELATED = 10_000;
const LINES = 100;
const mintAbi = parseAbi(["function mint(address to, uint256 amount)"]);

async function loadAnvil() {
  const outfile = join(root, "node_modules/.cache/omrl-bench/anvil.mjs");
  await build({ entryPoints: [join(root, "test/helpers/anvil.ts")], bundle: true, platform: "node", format: "esm", packages: "external", outfile, logLevel: "silent" });
  return import(pathToFileURL(outfile).href);
}

/** Sends signed transactions in JSON-RPC batches (no per-transaction round trips) with automine off. */
async function sendBatch(rpcUrl, signed) {
  for (let i = 0; i < signed.length; i += 500) {
    const body = signed.slice(i, i + 500).map((raw, k) => ({ jsonrpc: "2.0", id: i + k, method: "eth_sendRawTransaction", params: [raw] }));
    const response = await fetch(rpcUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const results = await response.json();
    const failed = results.find((r) => r.error);
    if (failed) throw new Error(`eth_sendRawTransaction: ${failed.error.message}`);
  }
}

/** anvil_mine without a client timeout (mining thousands of blocks takes a few seconds). */
async function mine(rpcUrl, blocks) {
  const response = await fetch(rpcUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "anvil_mine", params: [`0x${blocks.toString(16)}`, "0x1"] }) });
  const result = await response.json();
  if (result.error) throw new Error(`anvil_mine: ${result.error.message}`);
}

function countingClient(rpcUrl, counts) {
  return createPublicClient({
    transport: http(rpcUrl, {
      batch: { batchSize: 50 }, // as the CLI's transport (src/payments/node/cli-support.ts)
      onFetchRequest: async (request) => {
        const body = await request.clone().json();
        for (const call of Array.isArray(body) ? body : [body]) counts[call.method] = (counts[call.method] ?? 0) + 1;
      },
    }),
  });
}

export default {
  name: "reconcile-100",
  description: "reconcile a 100-line statement over 50,000 blocks with 10,000 unrelated transfers (Anvil)",
  iterations: 5,
  async setup() {
    const { startAnvil } = await loadAnvil();
    const anvil = await startAnvil();
    const artifact = JSON.parse(await readFile(join(root, "contracts/artifacts/TestToken.json"), "utf8"));
    const deployer = anvil.walletClient(0);
    const hash = await deployer.deployContract({ abi: artifact.abi, bytecode: artifact.bytecode, args: ["USD Coin (test)", "USDC", 6] });
    const token = (await anvil.publicClient.waitForTransactionReceipt({ hash })).contractAddress;
    const [, payerAccount, whale] = anvil.accounts;
    const payees = Array.from({ length: LINES }, (_, i) => `0x${(0x1000 + i).toString(16).padStart(40, "0")}`);
    for (const who of [payerAccount.address, whale.address]) {
      const h = await deployer.writeContract({ address: token, abi: mintAbi, functionName: "mint", args: [who, 10n ** 15n] });
      await anvil.publicClient.waitForTransactionReceipt({ hash: h });
    }
    // 50 obligations × 2 payees = 100 lines.
    const obligations = Array.from({ length: LINES / 2 }, (_, i) => ({
      id: `bench/model-${i}:2026-Q3`, model: `hf:bench/model-${i}@${"0".repeat(40)}`, termsHash: `0x${(i + 1).toString(16).padStart(64, "0")}`,
      period: "2026-Q3", periodStart: "2026-07-01", periodEnd: "2026-09-30", dueDate: "2026-10-30", via: null, exempt: false, exemptReason: null,
      basis: "gross", basisAmount: "1000.00", rate: "5%", owed: "50", conversion: { pair: "USD/USDC", rate: "1" }, chain: "eip155:31337",
      token: { id: `eip155:31337/erc20:${token}`, address: token, symbol: "USDC", decimals: 6 }, router: null, amount: String(2_000_000 + i * 2),
      payees: [
        { account: payees[2 * i], share: "50%", amount: String(1_000_000 + i) },
        { account: payees[2 * i + 1], share: "50%", amount: String(1_000_000 + i) },
      ],
      trace: [],
    }));
    const body = { omrlStatement: "1.0", licensee: { name: "Bench", account: `eip155:31337:${payerAccount.address}` }, currency: "USD", periods: ["2026-Q3"], obligations };
    const statement = { ...body, statementHash: hashStatement(body) };
    const lines = planPayments(statement).batches[0].lines;

    // Fill the range: 10 rounds of (5,000 empty blocks, then one block of 1,000 unrelated transfers
    // and 10 of the statement's payments).
    await anvil.testClient.setAutomine(false);
    const nonces = { payer: await anvil.publicClient.getTransactionCount({ address: payerAccount.address }), whale: await anvil.publicClient.getTransactionCount({ address: whale.address }) };
    const fees = { gas: 100_000n, maxFeePerGas: 10_000_000_000n, maxPriorityFeePerGas: 1n, chainId: 31337, type: "eip1559" };
    let line = 0;
    for (let round = 0; round < 10; round++) {
      await mine(anvil.rpcUrl, BLOCKS / 10 - 1);
      const signed = [];
      for (let k = 0; k < UNRELATED / 10; k++) {
        const fromPayer = k % 10 === 0; // 1,000 from the payer to addresses no line names
        const account = fromPayer ? payerAccount.account : whale.account;
        const to = `0x${(0x900000 + round * 1000 + k).toString(16).padStart(40, "0")}`;
        const data = encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [to, 1_000_000n] });
        signed.push(await account.signTransaction({ ...fees, to: token, data, nonce: fromPayer ? nonces.payer++ : nonces.whale++ }));
      }
      for (let k = 0; k < LINES / 10; k++, line++)
        signed.push(await payerAccount.account.signTransaction({ ...fees, to: token, data: lines[line].data, nonce: nonces.payer++ }));
      await sendBatch(anvil.rpcUrl, signed);
      await mine(anvil.rpcUrl, 1);
    }
    // A round's 1,010 transfers exceed one block's gas limit: the rest spill into the next
    // blocks; mine until the pool is empty.
    for (let k = 0; k < 10; k++) await mine(anvil.rpcUrl, 1);
    await anvil.testClient.setAutomine(true);
    const head = await anvil.publicClient.getBlockNumber();
    return { anvil, statement, token, payer: payerAccount.address, head, last: {} };
  },
  async run(ctx) {
    const counts = {};
    const report = await reconcileStatement({ statement: ctx.statement, publicClient: countingClient(ctx.anvil.rpcUrl, counts), fromBlock: 0n, toBlock: ctx.head, now: new Date("2026-10-01T00:00:00Z") });
    if (report.counts.paid !== LINES || report.lines.some((l) => l.matchedBy.join() !== "reference")) throw new Error(`expected ${LINES} lines paid by reference: ${JSON.stringify(report.counts)}`);
    ctx.last.case = counts;
    return { rpcRequests: Object.values(counts).reduce((a, b) => a + b, 0), getLogs: counts.eth_getLogs ?? 0, getTransaction: counts.eth_getTransactionByHash ?? 0 };
  },
  anchor: {
    name: "one eth_getLogs pass (Transfer from the payer, same range and chunks)",
    async run(ctx) {
      const counts = {};
      const client = countingClient(ctx.anvil.rpcUrl, counts);
      const event = getAbiItem({ abi: erc20Abi, name: "Transfer" });
      const logs = await getLogsChunked({ fromBlock: 0n, toBlock: ctx.head, read: (fromBlock, toBlock) => client.getLogs({ address: ctx.token, event, args: { from: ctx.payer }, fromBlock, toBlock }) });
      if (logs.length !== LINES + UNRELATED / 10) throw new Error(`anchor read ${logs.length} logs`);
      ctx.last.anchor = counts;
      return { rpcRequests: Object.values(counts).reduce((a, b) => a + b, 0) };
    },
  },
  summarize(result, ctx) {
    return {
      blocks: String(ctx.head),
      "case RPC requests": JSON.stringify(ctx.last.case),
      "anchor RPC requests": JSON.stringify(ctx.last.anchor),
    };
  },
  async teardown(ctx) {
    await ctx.anvil?.stop();
  },
};
