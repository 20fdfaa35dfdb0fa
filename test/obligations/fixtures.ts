import { getAddress } from "viem";
import type { OmrlTerms } from "../../src/terms/index.js";

export const address = (n: number) => getAddress(`0x${n.toString(16).padStart(40, "0")}`);
export const USDC = `eip155:8453/erc20:${getAddress("0x833589fcd6edb6e08f4c7c32d4f71b54bda02913")}`;

type Share = OmrlTerms["revenueShare"];

/** Valid terms with a 5% gross quarterly share in USD, paid in USDC (6 decimals) 70/30. */
export function makeTerms(name: string, share: Partial<Share> = {}, more: Partial<OmrlTerms> = {}): OmrlTerms {
  return {
    omrl: "1.0",
    model: { name, repo: `acme/${name}` },
    licensor: { name: "Acme Labs", account: `eip155:8453:${address(1)}` },
    revenueShare: { rate: "5%", basis: "gross", period: "quarter", currency: "USD", dueDays: 30, ...share },
    payment: {
      chain: "eip155:8453",
      token: { id: USDC, symbol: "USDC", decimals: 6 },
      payees: [
        { account: address(2), share: "70%", name: "authors" },
        { account: address(3), share: "30%", name: "funders" },
      ],
    },
    derivatives: { allowed: true, reciprocal: true, stacking: "absolute" },
    ...more,
  };
}

export const LICENSEE = { name: "Acme Apps", account: `eip155:8453:${address(9)}` };
