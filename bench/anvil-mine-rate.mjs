// Where Anvil spends the time when a benchmark mines a long chain (issue #10's 50,000 blocks):
// mines CHUNKS × CHUNK empty blocks under several node configurations and prints the time of each
// chunk. Growing chunk times mean a per-block cost that grows with the chain or the state.
//   node bench/anvil-mine-rate.mjs            (OMRL_MINE_CHUNK=1000 OMRL_MINE_CHUNKS=4 by default)
// Configurations: Anvil's defaults (hardfork Prague), --prune-history, --hardfork cancun, both,
// and both with 10,000 storage slots in one contract (what 10,000 distinct token balances add).
import { fileURLToPath, pathToFileURL } from "node:url";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { build } from "esbuild";
import { toHex } from "viem";

const root = fileURLToPath(new URL("../", import.meta.url));
const CHUNK = Number(process.env.OMRL_MINE_CHUNK ?? 1000);
const CHUNKS = Number(process.env.OMRL_MINE_CHUNKS ?? 4);
const outfile = join(root, "node_modules/.cache/omrl-bench/anvil.mjs");
await build({ entryPoints: [join(root, "test/helpers/anvil.ts")], bundle: true, platform: "node", format: "esm", packages: "external", outfile, logLevel: "silent" });
const { startAnvil } = await import(pathToFileURL(outfile).href);

async function rpc(url, calls) {
  const body = calls.map(([method, params], id) => ({ jsonrpc: "2.0", id, method, params }));
  const results = await (await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })).json();
  const failed = results.find((r) => r.error);
  if (failed) throw new Error(`${calls[failed.id][0]}: ${failed.error.message}`);
  return results;
}

const configs = [
  { name: "defaults (Prague)", args: [] },
  { name: "--prune-history", args: ["--prune-history"] },
  { name: "--hardfork cancun", args: ["--hardfork", "cancun"] },
  { name: "--hardfork cancun --prune-history", args: ["--hardfork", "cancun", "--prune-history"] },
  { name: "cancun + prune, 10,000 storage slots", args: ["--hardfork", "cancun", "--prune-history"], slots: 10_000 },
];
const rows = [];
for (const config of configs) {
  const anvil = await startAnvil({ args: config.args });
  try {
    if (config.slots) {
      const holder = `0x${"9".repeat(40)}`;
      await rpc(anvil.rpcUrl, [["anvil_setCode", [holder, "0x00"]]]);
      for (let i = 0; i < config.slots; i += 1000)
        await rpc(anvil.rpcUrl, Array.from({ length: Math.min(1000, config.slots - i) }, (_, k) => ["anvil_setStorageAt", [holder, toHex(i + k + 1, { size: 32 }), toHex(1, { size: 32 })]]));
    }
    const chunks = [];
    for (let c = 0; c < CHUNKS; c++) {
      const t0 = performance.now();
      await rpc(anvil.rpcUrl, [["anvil_mine", [toHex(CHUNK), "0x1"]]]);
      chunks.push(Math.round(performance.now() - t0));
    }
    rows.push({ config: config.name, [`ms per ${CHUNK} blocks, in order`]: chunks.join(", ") });
    console.log(`${config.name}: ${chunks.join(" ms, ")} ms`);
  } finally {
    await anvil.stop();
  }
}
console.log(`RESULT ${JSON.stringify({ name: "anvil-mine-rate", chunk: CHUNK, rows })}`);
