// Reconciling a 100-line statement on a real Anvil node over 50,000 blocks (OMRL_BENCH_BLOCKS) that also hold 10,000
// unrelated transfers of the same token (9,000 between other accounts, 1,000 from the payer to
// addresses the statement does not name), with the 100 referenced payments spread through the range.
// Case: reconcileStatement from block 0 (Transfer logs from the payer, filtered to the payees,
// transaction inputs fetched for the payer→payee transfers only, references decoded).
// Anchor: one plain eth_getLogs pass over the same range, same chunk size (2,000 blocks), for the
// token's Transfer logs from the payer — what any reconciliation has to read at least.
// Counted on the transport: RPC requests by method.
//
// Setup, and why the node runs with `--hardfork cancun --prune-history` (measured with
// bench/anvil-mine-rate.mjs, 2026-12-04, load average ~9; figures in BENCHMARKS.md): Anvil 1.7.1
// recomputes the whole state root at every block, and its default hardfork, Prague, has the
// EIP-2935 system call write the parent hash into the history contract's storage at every block
// (a ring of 8,191 slots), so each block costs more than the last: 1,000 empty blocks took 2.1 s,
// then 4.9, 7.2, 12.9 s. By default Anvil also keeps a copy of the state per block (including
// every block hash so far) and writes older copies to disk: --prune-history alone gave 1.5, 2.2,
// 5.0, 5.4 s; --hardfork cancun alone 0.16, 0.28, 0.55, 0.71 s; both together 0.03 s per 1,000
// blocks, flat. The same per-block state root makes a large state slow: with 10,000 storage slots
// (10,000 distinct token balances, as the first version of this case created) 1,000 empty blocks
// took ~28 s, so the 50,000-block setup ran ~520 s in anvil_mine; the unrelated transfers
// therefore go to 20 addresses. Sending the 10,100 transactions (node-signed eth_sendTransaction
// in JSON-RPC batches of 500) takes a few seconds and does not depend on the chain length. The
// contracts are compiled for Cancun (scripts/compile-contracts.mjs), and reconciliation reads only
// blocks, logs and transactions (never historical state), so neither flag changes what is
// measured. (Upstream Anvil made the state root incremental after 1.7.1: foundry #15715, #15739.)
import { fileURLToPath, pathToFileURL } from "node:url";
import { join, resolve } from "node:path";
import { readFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import { build } from "esbuild";
import { createPublicClient, encodeFunctionData, erc20Abi, getAbiItem, http, parseAbi, toHex } from "viem";

const root = fileURLToPath(new URL("../../", import.meta.url));
// OMRL_BENCH_DIST: a built package elsewhere (e.g. a copy of dist/ while others rebuild the tree).
const dist = resolve(process.env.OMRL_BENCH_DIST ?? join(root, "dist"));
const { getLogsChunked, hashStatement, planPayments, reconcileStatement } = await import(pathToFileURL(join(dist, "index.js")).href);
// 50,000 by default, as the issue asks; OMRL_BENCH_BLOCKS changes it.
const BLOCKS = Number(process.env.OMRL_BENCH_BLOCKS ?? 50_000);
const UNRELATED = 10_000;
const LINES = 100;
// The traffic lands in ROUNDS blocks spread evenly through the range: each holds
// UNRELATED / ROUNDS unrelated transfers (one in ten from the payer) and LINES / ROUNDS payments.
const ROUNDS = 100;
// The unrelated transfers go to 20 addresses no line names: few distinct balances keep the token's
// storage small, which Anvil 1.7.1 re-hashes whole at every block (see above).
const RECIPIENTS = Array.from({ length: 20 }, (_, i) => `0x${(0x900000 + i).toString(16).padStart(40, "0")}`);
if (!Number.isInteger(BLOCKS) || BLOCKS < ROUNDS * 2 + 10) throw new Error(`OMRL_BENCH_BLOCKS must be an integer ≥ ${ROUNDS * 2 + 10}`);
const ANVIL_ARGS = ["--hardfork", "cancun", "--prune-history", "--gas-limit", "300000000"];
const mintAbi = parseAbi(["function mint(address to, uint256 amount)"]);

async function loadAnvil() {
  const outfile = join(root, "node_modules/.cache/omrl-bench/anvil.mjs");
  await build({ entryPoints: [join(root, "test/helpers/anvil.ts")], bundle: true, platform: "node", format: "esm", packages: "external", outfile, logLevel: "silent" });
  return import(pathToFileURL(outfile).href);
}

/** One JSON-RPC request or batch, without a client timeout (mining thousands of blocks takes a while). */
async function rpc(rpcUrl, calls) {
  const body = calls.map(([method, params], id) => ({ jsonrpc: "2.0", id, method, params }));
  const response = await fetch(rpcUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const results = await response.json();
  const failed = results.find((r) => r.error);
  if (failed) throw new Error(`${calls[failed.id][0]}: ${failed.error.message}`);
  return results.sort((a, b) => a.id - b.id).map((r) => r.result);
}

const mine = (rpcUrl, blocks) => rpc(rpcUrl, [["anvil_mine", [toHex(blocks), "0x1"]]]);

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
  // OMRL_BENCH_RUNS: runs of each (default 5); more narrows the medians on a busy machine.
  iterations: Number(process.env.OMRL_BENCH_RUNS ?? 5),
  async setup() {
    const timings = {};
    let t = performance.now();
    const step = (name) => {
      const now = performance.now();
      timings[name] = Math.round((timings[name] ?? 0) + now - t);
      t = now;
    };
    const { startAnvil } = await loadAnvil();
    const anvil = await startAnvil({ args: ANVIL_ARGS });
    step("start");
    const artifact = JSON.parse(await readFile(join(root, "contracts/artifacts/TestToken.json"), "utf8"));
    const deployer = anvil.walletClient(0);
    const hash = await deployer.deployContract({ abi: artifact.abi, bytecode: artifact.bytecode, args: ["USD Coin (test)", "USDC", 6] });
    const token = (await anvil.publicClient.waitForTransactionReceipt({ hash })).contractAddress;
    const [, payer, whale] = anvil.accounts;
    const payees = Array.from({ length: LINES }, (_, i) => `0x${(0x1000 + i).toString(16).padStart(40, "0")}`);
    for (const who of [payer.address, whale.address]) {
      const h = await deployer.writeContract({ address: token, abi: mintAbi, functionName: "mint", args: [who, 10n ** 15n] });
      await anvil.publicClient.waitForTransactionReceipt({ hash: h });
    }
    step("deploy");
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
    const body = { omrlStatement: "1.0", licensee: { name: "Bench", account: `eip155:31337:${payer.address}` }, currency: "USD", periods: ["2026-Q3"], obligations };
    const statement = { ...body, statementHash: hashStatement(body) };
    const lines = planPayments(statement).batches[0].lines;

    // Fill the range: ROUNDS × (empty blocks, then one block of the round's transfers).
    await anvil.testClient.setAutomine(false);
    const nonces = { [payer.address]: await anvil.publicClient.getTransactionCount({ address: payer.address }), [whale.address]: await anvil.publicClient.getTransactionCount({ address: whale.address }) };
    const send = (from, data) => ["eth_sendTransaction", [{ from, to: token, data, gas: toHex(100_000), maxFeePerGas: toHex(10_000_000_000), maxPriorityFeePerGas: "0x1", nonce: toHex(nonces[from]++) }]];
    const base = await anvil.publicClient.getBlockNumber();
    const gap = Math.floor((BLOCKS - Number(base)) / ROUNDS) - 1;
    let line = 0;
    for (let round = 0; round < ROUNDS; round++) {
      await mine(anvil.rpcUrl, gap);
      step("anvil_mine (empty blocks)");
      const calls = [];
      for (let k = 0; k < UNRELATED / ROUNDS; k++) {
        const from = k % 10 === 0 ? payer.address : whale.address; // 1,000 from the payer to addresses no line names
        const to = RECIPIENTS[(round * ROUNDS + k) % RECIPIENTS.length];
        calls.push(send(from, encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [to, 1_000_000n] })));
      }
      for (let k = 0; k < LINES / ROUNDS; k++, line++) calls.push(send(payer.address, lines[line].data));
      for (let i = 0; i < calls.length; i += 500) await rpc(anvil.rpcUrl, calls.slice(i, i + 500));
      step("eth_sendTransaction (batched)");
      await mine(anvil.rpcUrl, 1);
      step("anvil_mine (block with transfers)");
    }
    // Nothing may be left in the pool (a round that outgrew its block would spill into the next).
    const pending = await rpc(anvil.rpcUrl, [["txpool_status", []]]);
    if (BigInt(pending[0].pending) !== 0n || BigInt(pending[0].queued) !== 0n) throw new Error(`transactions left in the pool: ${JSON.stringify(pending[0])}`);
    const head = await anvil.publicClient.getBlockNumber();
    await mine(anvil.rpcUrl, BLOCKS - Number(head));
    await anvil.testClient.setAutomine(true);
    step("anvil_mine (empty blocks)");
    return { anvil, statement, token, payer: payer.address, head: await anvil.publicClient.getBlockNumber(), last: {}, timings };
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
      "setup ms by step": JSON.stringify(ctx.timings),
      "case RPC requests": JSON.stringify(ctx.last.case),
      "anchor RPC requests": JSON.stringify(ctx.last.anchor),
    };
  },
  async teardown(ctx) {
    await ctx.anvil?.stop();
  },
};
