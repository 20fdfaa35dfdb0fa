import type { Address, Hex } from "viem";
import { checksumAddress } from "./address.js";
import { eip712Digest } from "./eip712-digest.js";
import { recoverSigner } from "./recover-signer.js";
import { licensorAddress, termsTypedData } from "./eip712.js";
import { hashTerms } from "./hash.js";
import type { OmrlTerms } from "./types.js";

export type VerifyTermsSignatureReturnType = {
  /** The signature recovers to the signer it names. */
  valid: boolean;
  /** The signature is valid and its signer is the licensor's account. */
  byLicensor: boolean;
  /** The recovered address, when the signature could be recovered. */
  signer?: Address | undefined;
  licensor?: Address | undefined;
  termsHash: Hex;
  /** Why it is not valid or not by the licensor. */
  reason?: "unsigned" | "malformed" | "signer-mismatch" | "not-licensor" | undefined;
};

/**
 * Verifies the EIP-712 signature of terms: recovers the signer from the typed data rebuilt from the
 * terms as they are now, so a change to any field the terms hash covers fails verification.
 *
 * @example
 * const { valid, byLicensor, signer } = await verifyTermsSignature(terms);
 */
export async function verifyTermsSignature(terms: OmrlTerms): Promise<VerifyTermsSignatureReturnType> {
  const termsHash = hashTerms(terms);
  if (!terms.signature) return { valid: false, byLicensor: false, termsHash, reason: "unsigned" };
  if (terms.signature.scheme !== "eip712") return { valid: false, byLicensor: false, termsHash, reason: "malformed" };
  let signer: Address;
  let licensor: Address;
  try {
    licensor = licensorAddress(terms);
    // @noble rather than viem (or ox): verifying needs keccak and the curve, not clients and ABI
    signer = recoverSigner(eip712Digest(termsTypedData(terms)), terms.signature.value);
  } catch {
    return { valid: false, byLicensor: false, termsHash, reason: "malformed" };
  }
  let named: Address | undefined;
  try {
    named = checksumAddress(terms.signature.signer);
  } catch {
    named = undefined;
  }
  if (signer !== named) return { valid: false, byLicensor: false, signer, licensor, termsHash, reason: "signer-mismatch" };
  if (signer !== licensor) return { valid: true, byLicensor: false, signer, licensor, termsHash, reason: "not-licensor" };
  return { valid: true, byLicensor: true, signer, licensor, termsHash };
}
