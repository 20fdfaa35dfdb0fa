/**
 * Native USDC by chain, so `omrl init --chain eip155:42161 --token USDC` needs no address. Any
 * other token is given as a CAIP-19 id or an address with --token-symbol and --token-decimals.
 */
export const KNOWN_TOKENS: Record<string, Record<string, { address: string; decimals: number }>> = {
  "eip155:1": { USDC: { address: "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48", decimals: 6 } },
  "eip155:10": { USDC: { address: "0x0b2C639c533813f4Aa9D7837cAf62653d097Ff85", decimals: 6 } },
  "eip155:137": { USDC: { address: "0x3c499c542cEF5E3811e1192ce70d8cC03d5c3359", decimals: 6 } },
  "eip155:8453": { USDC: { address: "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913", decimals: 6 } },
  "eip155:42161": { USDC: { address: "0xaf88d065e77c8cC2239327C5EDb3A432268e5831", decimals: 6 } },
};
