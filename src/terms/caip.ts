import type { Address } from "viem";
import { checksumAddress, isAddress } from "./address.js";

/** A CAIP-2 chain id split into namespace and reference (`eip155:8453`). */
export type ChainId = { namespace: string; reference: string };

export function parseCaip2(value: string): ChainId | undefined {
  const m = /^([-a-z0-9]{3,8}):([-_a-zA-Z0-9]{1,32})$/.exec(value);
  return m ? { namespace: m[1]!, reference: m[2]! } : undefined;
}

/** The numeric chain id of an `eip155:<n>` CAIP-2 id, or undefined. */
export function evmChainId(caip2: string): number | undefined {
  const chain = parseCaip2(caip2);
  if (!chain || chain.namespace !== "eip155" || !/^[1-9]\d{0,15}$/.test(chain.reference)) return undefined;
  return Number(chain.reference);
}

/** `eip155:8453:0xAbc…` → chain and address. */
export function parseCaip10(value: string): { chain: string; address: string } | undefined {
  const m = /^([-a-z0-9]{3,8}:[-_a-zA-Z0-9]{1,32}):([-.%a-zA-Z0-9]{1,128})$/.exec(value);
  return m ? { chain: m[1]!, address: m[2]! } : undefined;
}

/** `eip155:8453/erc20:0xAbc…` → chain, asset namespace and reference. */
export function parseCaip19(value: string): { chain: string; assetNamespace: string; assetReference: string } | undefined {
  const m = /^([-a-z0-9]{3,8}:[-_a-zA-Z0-9]{1,32})\/([-a-z0-9]{3,8}):([-.%a-zA-Z0-9]{1,128})$/.exec(value);
  return m ? { chain: m[1]!, assetNamespace: m[2]!, assetReference: m[3]! } : undefined;
}

/** True when `value` is an address written with its EIP-55 checksum. */
export function isChecksummedAddress(value: string): value is Address {
  return isAddress(value) && checksumAddress(value) === value;
}

/** The ERC-20 token address of a CAIP-19 `…/erc20:0x…` id, or undefined. */
export function tokenAddress(caip19: string): Address | undefined {
  const asset = parseCaip19(caip19);
  if (!asset || asset.assetNamespace !== "erc20" || !isAddress(asset.assetReference)) return undefined;
  return checksumAddress(asset.assetReference);
}
