// Gas of the OMRLRouter on a real Anvil node (--hardfork cancun, the EVM the contracts are
// compiled for), for docs/contracts.md: `register` with 1 artifact digest, and `pay` through the
// SDK's payViaRouter (with the OMRL reference appended) when the payees already hold the token
// (the second payment under the same terms is measured; payViaRouter approves exactly the missing
// allowance in a transaction of its own first, which is not counted).
//   node bench/router-gas.mjs      (OMRL_BENCH_DIST: a built package elsewhere, default dist/)
import { fileURLToPath, pathToFileURL } from "node:url";
import { join, resolve } from "node:path";
import { readFile } from "node:fs/promises";
import { build } from "esbuild";
import { keccak256, parseAbi, toHex } from "viem";

const root = fileURLToPath(new URL("../", import.meta.url));
const dist = resolve(process.env.OMRL_BENCH_DIST ?? join(root, "dist"));
const { deployRouter, registerTerms, payViaRouter } = await import(pathToFileURL(join(dist, "index.js")).href);
const outfile = join(root, "node_modules/.cache/omrl-bench/anvil.mjs");
await build({ entryPoints: [join(root, "test/helpers/anvil.ts")], bundle: true, platform: "node", format: "esm", packages: "external", outfile, logLevel: "silent" });
const { startAnvil } = await import(pathToFileURL(outfile).href);
const tokenAbi = parseAbi(["function mint(address to, uint256 amount)"]);

const anvil = await startAnvil({ args: ["--hardfork", "cancun"] });
const rows = [];
try {
  const licensor = { walletClient: anvil.walletClient(0), publicClient: anvil.publicClient };
  const licensee = { walletClient: anvil.walletClient(1), publicClient: anvil.publicClient };
  const gasOf = async (hash) => (await anvil.publicClient.waitForTransactionReceipt({ hash })).gasUsed;
  const artifact = JSON.parse(await readFile(join(root, "contracts/artifacts/TestToken.json"), "utf8"));
  const token = (await anvil.publicClient.waitForTransactionReceipt({
    hash: await licensor.walletClient.deployContract({ abi: artifact.abi, bytecode: artifact.bytecode, args: ["USD Coin (test)", "USDC", 6] }),
  })).contractAddress;
  const { address: router } = await deployRouter(licensor);
  await gasOf(await licensor.walletClient.writeContract({ address: token, abi: tokenAbi, functionName: "mint", args: [anvil.accounts[1].address, 10n ** 18n] }));
  for (const n of [1, 2, 5, 10, 100]) {
    const termsHash = keccak256(toHex(`bench terms ${n}`));
    const payees = Array.from({ length: n }, (_, i) => ({
      account: `0x${(0x5000 + n * 1000 + i).toString(16).padStart(40, "0")}`,
      sharePpm: 1_000_000n / BigInt(n) + (i === 0 ? 1_000_000n % BigInt(n) : 0n),
    }));
    const registered = await registerTerms({ ...licensor, router, termsHash, token, payees, artifactDigests: [keccak256(toHex(`digest ${n}`))] });
    const registerGas = await gasOf(registered.transactionHash);
    const pay = (k) => payViaRouter({ ...licensee, router, termsHash, licensor: anvil.accounts[0].address, token, payees, statementHash: keccak256(toHex(`statement ${n} ${k}`)), obligationId: `bench/model:2026-Q${k}`, amount: 1_000_000_000n });
    await pay(3); // the payees now hold the token
    const payGas = await gasOf((await pay(4)).transactionHash);
    rows.push({ payees: n, register: String(registerGas), pay: String(payGas) });
    console.log(`${n} payees: register ${registerGas} gas, pay ${payGas} gas`);
  }
} finally {
  await anvil.stop();
}
console.log(`RESULT ${JSON.stringify({ name: "router-gas", rows })}`);
