import type { Address, Hex, TypedDataDomain } from "viem";
import { checksumAddress } from "./address.js";
import { InvalidInputError } from "../errors.js";
import { evmChainId, parseCaip10, tokenAddress } from "./caip.js";
import { hashTerms } from "./hash.js";
import type { OmrlTerms } from "./types.js";

/**
 * The EIP-712 typed data a wallet shows when a licensor signs terms: the fields that move money
 * (rate, basis, chain, token, payees and their shares) in readable form, and the terms hash that
 * binds every other field.
 */
export const termsTypes = {
  Payee: [
    { name: "account", type: "address" },
    { name: "share", type: "string" },
  ],
  OmrlTerms: [
    { name: "model", type: "string" },
    { name: "licensor", type: "address" },
    { name: "rate", type: "string" },
    { name: "basis", type: "string" },
    { name: "chain", type: "string" },
    { name: "token", type: "address" },
    { name: "tokenSymbol", type: "string" },
    { name: "tokenDecimals", type: "uint8" },
    { name: "payees", type: "Payee[]" },
    { name: "termsHash", type: "bytes32" },
    { name: "signedAt", type: "string" },
  ],
} as const;

export type TermsTypedData = {
  domain: TypedDataDomain;
  types: typeof termsTypes;
  primaryType: "OmrlTerms";
  message: {
    model: string;
    licensor: Address;
    rate: string;
    basis: string;
    chain: string;
    token: Address;
    tokenSymbol: string;
    tokenDecimals: number;
    payees: { account: Address; share: string }[];
    termsHash: Hex;
    signedAt: string;
  };
};

/** The licensor's address from the CAIP-10 account of the terms. */
export function licensorAddress(terms: OmrlTerms): Address {
  const account = parseCaip10(terms.licensor.account);
  if (!account) throw new InvalidInputError(`"${terms.licensor.account}" is not a CAIP-10 account`, { location: "/licensor/account" });
  return checksumAddress(account.address);
}

/**
 * Builds the EIP-712 typed data for terms (domain: "Open Model Revenue License", version "1",
 * chainId of the payment chain). `signedAt` is signed too, so the signature block's time cannot be
 * changed afterwards.
 */
export function termsTypedData(terms: OmrlTerms, signedAt: string = terms.signature?.signedAt ?? ""): TermsTypedData {
  return typedDataOfTerms(terms, signedAt, hashTerms(terms));
}

/** `termsTypedData` with the terms hash already computed (verification has it). Internal. */
export function typedDataOfTerms(terms: OmrlTerms, signedAt: string, termsHash: Hex): TermsTypedData {
  const chainId = evmChainId(terms.payment.chain);
  if (chainId === undefined) throw new InvalidInputError(`"${terms.payment.chain}" is not an eip155 chain`, { location: "/payment/chain" });
  const token = tokenAddress(terms.payment.token.id);
  if (!token) throw new InvalidInputError(`"${terms.payment.token.id}" is not an erc20 CAIP-19 id`, { location: "/payment/token/id" });
  return {
    domain: { name: "Open Model Revenue License", version: "1", chainId },
    types: termsTypes,
    primaryType: "OmrlTerms",
    message: {
      model: terms.model.repo ?? terms.model.name,
      licensor: licensorAddress(terms),
      rate: terms.revenueShare.rate,
      basis: terms.revenueShare.basis,
      chain: terms.payment.chain,
      token,
      tokenSymbol: terms.payment.token.symbol,
      tokenDecimals: terms.payment.token.decimals,
      payees: terms.payment.payees.map((p) => ({ account: checksumAddress(p.account), share: p.share })),
      termsHash,
      signedAt,
    },
  };
}
