import { readFile } from "node:fs/promises";
import { createPublicClient, createWalletClient, defineChain, http, type Chain, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { InvalidInputError } from "../../errors.js";

/** Reads and JSON-parses a statement (or batch) file, with input errors that name the file. */
export async function readJsonFile(path: string, label: string, maxBytes = 32 * 1024 * 1024): Promise<unknown> {
  const text = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new InvalidInputError(`cannot read the ${label}: ${error.code ?? error.message}`, { location: path });
  });
  if (text.length > maxBytes) throw new InvalidInputError(`the ${label} is larger than ${maxBytes} bytes`, { location: path });
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InvalidInputError(`the ${label} is not JSON: ${(error as Error).message}`, { location: path });
  }
}

/**
 * The private key held in environment variable `name`. Keys never come from flags (shell history,
 * process lists); a flag value that looks like a key is refused outright.
 */
export function privateKeyFromEnv(name: string, env: NodeJS.ProcessEnv): Hex {
  if (/^(0x)?[0-9a-fA-F]{64}$/.test(name))
    throw new InvalidInputError("--key-env takes the NAME of an environment variable, not a key; never put a key on the command line");
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new InvalidInputError(`--key-env ${JSON.stringify(name)} is not an environment variable name`);
  const value = env[name]?.trim();
  if (!value) throw new InvalidInputError(`environment variable ${name} is not set`);
  const key = value.startsWith("0x") ? value : `0x${value}`;
  if (!/^0x[0-9a-fA-F]{64}$/.test(key)) throw new InvalidInputError(`environment variable ${name} does not hold a 32-byte hex private key`);
  return key as Hex;
}

/** Public (and, with a key, wallet) viem clients for an RPC URL, on the chain the RPC reports. */
export async function clientsForRpc(rpcUrl: string, privateKey?: Hex) {
  let url: URL;
  try {
    url = new URL(rpcUrl);
  } catch {
    throw new InvalidInputError(`--rpc ${JSON.stringify(rpcUrl)} is not a URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new InvalidInputError("--rpc must be an http(s) URL");
  // JSON-RPC batching: reconciliation fetches many transaction inputs at once.
  const transport = http(rpcUrl, { retryCount: 2, batch: { batchSize: 50 } });
  const probe = createPublicClient({ transport });
  const chainId = await probe.getChainId().catch((error: Error) => {
    throw new InvalidInputError(`cannot reach the RPC at ${url.origin}: ${error.message.split("\n")[0]}`);
  });
  const chain: Chain = defineChain({
    id: chainId,
    name: `eip155:${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
  const publicClient = createPublicClient({ chain, transport, pollingInterval: 250 });
  const walletClient = privateKey ? createWalletClient({ chain, transport, account: privateKeyToAccount(privateKey) }) : undefined;
  return { chainId, chain, publicClient, walletClient };
}
