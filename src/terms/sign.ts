import type { Address, Hex, LocalAccount } from "viem";
import { termsTypedData } from "./eip712.js";
import type { OmrlTerms } from "./types.js";

/** Anything that signs EIP-712 typed data for one address: a viem `LocalAccount` (privateKeyToAccount…). */
export type TermsSigner = Pick<LocalAccount, "address" | "signTypedData">;

export type SignTermsParameters = {
  terms: OmrlTerms;
  account: TermsSigner;
  /** ISO 8601 time recorded in the signature block (default: now). Signed, but not part of the terms hash. */
  signedAt?: string;
};

export type SignTermsReturnType = OmrlTerms & { signature: NonNullable<OmrlTerms["signature"]> };

/**
 * Signs terms with EIP-712 and returns them with the `signature` block set (any old one replaced).
 *
 * @example
 * import { privateKeyToAccount } from "viem/accounts";
 * const signed = await signTerms({ terms, account: privateKeyToAccount(process.env.KEY as Hex) });
 */
export async function signTerms({ terms, account, signedAt }: SignTermsParameters): Promise<SignTermsReturnType> {
  const { signature: _old, ...unsigned } = terms;
  const time = signedAt ?? new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  const value: Hex = await account.signTypedData(termsTypedData(unsigned, time));
  return {
    ...unsigned,
    signature: {
      scheme: "eip712",
      signer: account.address as Address,
      value,
      signedAt: time,
    },
  };
}
