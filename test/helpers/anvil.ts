/**
 * Test harness: a real Anvil node (from the npm package `@foundry-rs/anvil`) on a free loopback
 * port, with viem clients bound to it. One node per test file is the intended use:
 *
 * ```ts
 * let anvil: Anvil;
 * beforeAll(async () => { anvil = await startAnvil(); });
 * afterAll(() => anvil.stop());
 * ```
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  defineChain,
  http,
  type Account,
  type Chain,
  type Hex,
  type PublicClient,
  type TestClient,
  type Transport,
  type WalletClient,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";

/** The mnemonic Anvil (and Hardhat) derive their default funded dev accounts from. */
export const ANVIL_TEST_MNEMONIC = "test test test test test test test test test test test junk";
const ACCOUNT_COUNT = 10;

export const anvilChain: Chain = defineChain({
  id: 31337,
  name: "Anvil",
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: ["http://127.0.0.1:8545"] } },
});

export type AnvilAccount = { address: `0x${string}`; privateKey: Hex; account: Account };

export type StartAnvilOptions = {
  /** Seconds between mined blocks; absent = automine (a block per transaction). */
  blockTime?: number;
  /**
   * Extra command-line flags for the node, e.g. `["--hardfork", "cancun", "--prune-history"]`
   * (what bench/cases/reconcile-100.mjs uses to mine 50,000 blocks quickly).
   */
  args?: string[];
};

export type Anvil = {
  rpcUrl: string;
  port: number;
  chain: Chain;
  publicClient: PublicClient<Transport, Chain>;
  testClient: TestClient<"anvil", Transport, Chain>;
  /** Anvil's default funded dev accounts (10 000 ETH each), index 0 first. */
  accounts: AnvilAccount[];
  /** A wallet client signing locally with dev account `index` (default 0). */
  walletClient(index?: number): WalletClient<Transport, Chain, Account>;
  stop(): Promise<void>;
};

/** Path of the `anvil` binary shipped by `@foundry-rs/anvil`'s platform package. */
export function resolveAnvilBinary(): string {
  const require = createRequire(import.meta.url);
  const arch = process.arch === "x64" ? "amd64" : process.arch;
  const exe = process.platform === "win32" ? "anvil.exe" : "anvil";
  const platformPackage = `@foundry-rs/anvil-${process.platform}-${arch}`;
  const candidates: string[] = [];
  try {
    candidates.push(join(dirname(require.resolve(`${platformPackage}/package.json`)), "bin", exe));
  } catch {
    // Not installed for this platform: try the wrapper's neighbourhood and the .bin shim below.
  }
  try {
    const wrapperDir = dirname(require.resolve("@foundry-rs/anvil/package.json"));
    candidates.push(join(wrapperDir, "..", `anvil-${process.platform}-${arch}`, "bin", exe));
  } catch {
    // The wrapper itself is missing; the .bin fallback will report it.
  }
  const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
  candidates.push(join(repoRoot, "node_modules", ".bin", exe));
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found)
    throw new Error(`anvil binary not found (install @foundry-rs/anvil); looked in: ${candidates.join(", ")}`);
  return found;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      if (address === null || typeof address === "string") {
        server.close();
        reject(new Error("could not read the bound port"));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // A test runner that dies mid-file must not leave nodes behind.
  process.on("exit", () => {
    for (const child of running) child.kill("SIGKILL");
  });
}

async function waitForChainId(rpcUrl: string, child: ChildProcess, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    try {
      const response = await fetch(rpcUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      });
      if (response.ok) {
        const body = (await response.json()) as { result?: string };
        if (body.result !== undefined && BigInt(body.result) === 31337n) return true;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

function stopChild(child: ChildProcess): Promise<void> {
  running.delete(child);
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 3_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** Starts Anvil on 127.0.0.1 at a free port and resolves once it answers `eth_chainId`. */
export async function startAnvil(options: StartAnvilOptions = {}): Promise<Anvil> {
  const binary = resolveAnvilBinary();
  installExitHook();
  let lastError = "";
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const args = [
      "--host", "127.0.0.1",
      "--port", String(port),
      "--chain-id", "31337",
      "--accounts", String(ACCOUNT_COUNT),
      "--mnemonic", ANVIL_TEST_MNEMONIC,
      "--silent",
    ];
    if (options.blockTime !== undefined) args.push("--block-time", String(options.blockTime));
    if (options.args) args.push(...options.args);
    const child = spawn(binary, args, { stdio: ["ignore", "ignore", "pipe"] });
    running.add(child);
    let stderr = "";
    child.stderr?.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", (error) => (stderr += String(error)));
    const rpcUrl = `http://127.0.0.1:${port}`;
    if (!(await waitForChainId(rpcUrl, child, 15_000))) {
      lastError = stderr.trim() || `anvil did not answer on ${rpcUrl}`;
      await stopChild(child);
      continue; // Most likely the port was taken between probing and binding: try another.
    }

    const chain: Chain = { ...anvilChain, rpcUrls: { default: { http: [rpcUrl] } } };
    const transport = http(rpcUrl);
    const publicClient = createPublicClient({ chain, transport, pollingInterval: 50, cacheTime: 0 });
    const testClient = createTestClient({ chain, transport, mode: "anvil" });
    const accounts: AnvilAccount[] = Array.from({ length: ACCOUNT_COUNT }, (_, addressIndex) => {
      const account = mnemonicToAccount(ANVIL_TEST_MNEMONIC, { addressIndex });
      const privateKey = account.getHdKey().privateKey;
      if (!privateKey) throw new Error("dev account without a private key");
      return {
        address: account.address,
        privateKey: `0x${Buffer.from(privateKey).toString("hex")}`,
        account,
      };
    });
    return {
      rpcUrl,
      port,
      chain,
      publicClient,
      testClient,
      accounts,
      walletClient(index = 0) {
        const entry = accounts[index];
        if (!entry) throw new Error(`no dev account ${index}`);
        return createWalletClient({ chain, transport, account: entry.account });
      },
      stop: () => stopChild(child),
    };
  }
  throw new Error(`could not start anvil: ${lastError}`);
}
