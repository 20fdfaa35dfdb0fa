/**
 * Test ERC-20 tokens, built from OpenZeppelin's ERC20 (sources in contracts/test/, artifacts
 * compiled by scripts/compile-contracts.mjs and committed), deployed on the test's Anvil node.
 *
 * ```ts
 * const usdc = await deployTestToken(anvil, { name: "Test USD", symbol: "tUSD" }); // 6 decimals
 * await mint(anvil, usdc.address, anvil.accounts[1].address, 1_000_000_000n);
 * ```
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  erc20Abi,
  getAddress,
  parseAbi,
  type Abi,
  type Account,
  type Address,
  type Chain,
  type Hex,
  type PublicClient,
  type Transport,
  type WalletClient,
} from "viem";

export type TokenClients = {
  publicClient: PublicClient<Transport, Chain>;
  /** Signs the deployment (and mints); an Anvil dev account by default via `walletClient()`. */
  walletClient: WalletClient<Transport, Chain, Account> | ((index?: number) => WalletClient<Transport, Chain, Account>);
};

/** The standard ERC-20 ABI plus the test tokens' public `mint(address,uint256)`. */
export const testTokenAbi = [...erc20Abi, ...parseAbi(["function mint(address to, uint256 amount)"])] as const;

/** The malicious token's extra entry point: arm it to re-enter `pay` on the router. */
export const reentrantTokenAbi = [
  ...testTokenAbi,
  ...parseAbi(["function arm(address target, bytes32 termsHash, address licensor, bytes32 statementHash, uint256 amount)"]),
] as const;

type Artifact = { abi: Abi; bytecode: Hex };

function loadArtifact(name: string): Artifact {
  const path = fileURLToPath(new URL(`../../contracts/artifacts/${name}.json`, import.meta.url));
  return JSON.parse(readFileSync(path, "utf8")) as Artifact;
}

function walletOf(clients: TokenClients): WalletClient<Transport, Chain, Account> {
  return typeof clients.walletClient === "function" ? clients.walletClient(0) : clients.walletClient;
}

async function deploy(clients: TokenClients, name: string, args: readonly unknown[]): Promise<Address> {
  const artifact = loadArtifact(name);
  const hash = await walletOf(clients).deployContract({ abi: artifact.abi, bytecode: artifact.bytecode, args });
  const receipt = await clients.publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success" || !receipt.contractAddress) throw new Error(`deploying ${name} failed`);
  return getAddress(receipt.contractAddress);
}

export type DeployTestTokenOptions = {
  name?: string;
  symbol?: string;
  /** Default 6, like USDC. */
  decimals?: number;
  /** When set, deploy the fee-on-transfer token instead: every holder-to-holder transfer burns
   * `feeOnTransferBps` / 10 000 of the value. */
  feeOnTransferBps?: number;
};

export type TestToken = { address: Address; abi: typeof testTokenAbi; decimals: number };

/** Deploys a fresh test ERC-20 with a public `mint`. */
export async function deployTestToken(clients: TokenClients, options: DeployTestTokenOptions = {}): Promise<TestToken> {
  const { name = "Test USD", symbol = "tUSD", decimals = 6, feeOnTransferBps } = options;
  const address =
    feeOnTransferBps === undefined
      ? await deploy(clients, "TestToken", [name, symbol, decimals])
      : await deploy(clients, "FeeOnTransferToken", [name, symbol, decimals, feeOnTransferBps]);
  return { address, abi: testTokenAbi, decimals };
}

/** Deploys the malicious token that re-enters `pay` once armed (for the reentrancy test). */
export async function deployReentrantToken(
  clients: TokenClients,
): Promise<{ address: Address; abi: typeof reentrantTokenAbi }> {
  return { address: await deploy(clients, "ReentrantToken", []), abi: reentrantTokenAbi };
}

/** Mints `amount` base units of a test token to `to` and waits for the receipt. */
export async function mint(clients: TokenClients, token: Address, to: Address, amount: bigint): Promise<void> {
  const hash = await walletOf(clients).writeContract({
    address: token,
    abi: testTokenAbi,
    functionName: "mint",
    args: [to, amount],
  });
  const receipt = await clients.publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error("mint reverted");
}

/** Token balance of `owner`, in base units. */
export function balanceOf(clients: Pick<TokenClients, "publicClient">, token: Address, owner: Address): Promise<bigint> {
  return clients.publicClient.readContract({ address: token, abi: erc20Abi, functionName: "balanceOf", args: [owner] });
}

/**
 * Deploys the USDT-style test token: `transfer`/`transferFrom`/`approve` return nothing. With
 * `strictCalldata` its `transfer` also refuses calldata longer than its two arguments.
 */
export async function deployNoReturnToken(clients: TokenClients, options: { strictCalldata?: boolean } = {}): Promise<TestToken> {
  const address = await deploy(clients, "NoReturnToken", ["Tether-style USD", "tUSDT", options.strictCalldata ?? false]);
  return { address, abi: testTokenAbi, decimals: 6 };
}
