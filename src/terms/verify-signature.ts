import type { Address, Hex } from "viem";
import { checksumAddress } from "./address.js";
import { eip712Digest } from "./eip712-digest.js";
import { recoverSigner } from "./recover-signer.js";
import { licensorAddress, typedDataOfTerms } from "./eip712.js";
import { hashTerms } from "./hash.js";
import { getPureResultCache, pureCacheKey } from "../pure-cache/index.js";
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

/** Verified signatures this process has seen: terms hash + signature block → result. Bounded. */
const verified = new Map<string, VerifyTermsSignatureReturnType>();
/** Most results remembered (one per distinct signed release; an app with its lineage has tens). */
const MAX_REMEMBERED = 256;

/**
 * Verifies the EIP-712 signature of terms: recovers the signer from the typed data rebuilt from the
 * terms as they are now, so a change to any field the terms hash covers fails verification.
 *
 * Recovering a signer costs milliseconds of curve arithmetic, and an app's check meets the same
 * release many times (as a model and as every descendant's ancestor): the result is remembered per
 * terms hash and signature block (everything the typed data is built from), so the same terms
 * verify once per process.
 *
 * @example
 * const { valid, byLicensor, signer } = await verifyTermsSignature(terms);
 */
export async function verifyTermsSignature(terms: OmrlTerms): Promise<VerifyTermsSignatureReturnType> {
  const termsHash = hashTerms(terms);
  if (!terms.signature) return { valid: false, byLicensor: false, termsHash, reason: "unsigned" };
  const signature = terms.signature;
  const { scheme, signer, value, signedAt } = signature;
  const key = JSON.stringify([termsHash, scheme, signer, value, signedAt]);
  const known = verified.get(key);
  if (known) return { ...known };
  const result = recover(terms, signature, termsHash);
  if (verified.size >= MAX_REMEMBERED) verified.delete(verified.keys().next().value!);
  verified.set(key, result);
  return { ...result };
}

function recover(terms: OmrlTerms, signature: NonNullable<OmrlTerms["signature"]>, termsHash: Hex): VerifyTermsSignatureReturnType {
  if (signature.scheme !== "eip712") return { valid: false, byLicensor: false, termsHash, reason: "malformed" };
  let named: Address | undefined;
  try {
    named = checksumAddress(signature.signer);
  } catch {
    named = undefined;
  }
  let signer: Address;
  let licensor: Address;
  try {
    licensor = licensorAddress(terms);
    // @noble rather than viem (or ox): verifying needs keccak and the curve, not clients and ABI
    signer = recoverRemembered(eip712Digest(typedDataOfTerms(terms, signature.signedAt ?? "", termsHash)), signature.value, named);
  } catch {
    return { valid: false, byLicensor: false, termsHash, reason: "malformed" };
  }
  if (signer !== named) return { valid: false, byLicensor: false, signer, licensor, termsHash, reason: "signer-mismatch" };
  if (signer !== licensor) return { valid: true, byLicensor: false, signer, licensor, termsHash, reason: "not-licensor" };
  return { valid: true, byLicensor: true, signer, licensor, termsHash };
}

/** Tag of the recovered-signer entries in the result cache (bump when recovery changes). */
const RECOVER_TAG = "omrl/eip712-recover-signer/1";

/**
 * `recoverSigner`, remembered across runs in the installed result cache, keyed by the digest and the
 * signature's exact text. The digest is still computed from the terms every time and the recovered
 * address still compared with the named signer and the licensor: only the curve arithmetic is
 * skipped, and only when the remembered address is the one the signature names — any other entry
 * (another address, garbage) is a miss and the signer is recovered again, so a tampered entry can
 * never make a genuine signature fail. It can make a forged one pass only by naming exactly the
 * forged signer, which needs write access to the user's cache folder: the digest cache's trust
 * model (docs/digests.md#result-cache). Malformed signatures are not remembered.
 */
function recoverRemembered(digest: Uint8Array, signature: string, named: Address | undefined): Address {
  const cache = getPureResultCache();
  if (!cache) return recoverSigner(digest, signature);
  const key = pureCacheKey(cache, RECOVER_TAG, digest, signature);
  if (named !== undefined && cache.get(key) === named) return named;
  const signer = recoverSigner(digest, signature);
  cache.set(key, signer);
  return signer;
}
