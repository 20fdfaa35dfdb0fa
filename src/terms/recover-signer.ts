import { invert, mod } from "@noble/curves/abstract/modular";
import { secp256k1 } from "@noble/curves/secp256k1";
import { keccak_256 } from "@noble/hashes/sha3";
import { bytesToHex, hexToBytes } from "@noble/hashes/utils";
import type { Address } from "viem";
import { InvalidInputError } from "../errors.js";
import { checksumAddress } from "./address.js";

/**
 * The address that signed a 32-byte digest, from a 65-byte `r ‖ s ‖ v` signature (`v` 27/28 or
 * 0/1), checksummed. On `@noble/curves`; throws on a malformed signature.
 *
 * @example
 * const signer = recoverSigner(eip712Digest(typed), terms.signature.value);
 */
export function recoverSigner(digest: Uint8Array, signature: string): Address {
  if (!/^0x[0-9a-fA-F]{130}$/.test(signature)) throw new InvalidInputError("the signature is not 65 bytes of hex");
  const bytes = hexToBytes(signature.slice(2));
  const v = bytes[64]!;
  const recovery = v === 27 || v === 28 ? v - 27 : v === 0 || v === 1 ? v : undefined;
  if (recovery === undefined) throw new InvalidInputError(`the signature's v (${v}) is not 0, 1, 27 or 28`);
  // Q = (s·r⁻¹)·R − (h·r⁻¹)·G, as noble's recoverPublicKey computes it, but on a copy of G: the
  // library's G builds its precomputed tables (≈ 60 ms) on first use, which one verification
  // in a short-lived CLI process or an edge worker never earns back.
  const { r, s } = secp256k1.Signature.fromCompact(bytes.subarray(0, 64)); // checks 0 < r, s < n
  const n = secp256k1.CURVE.n;
  const Point = secp256k1.ProjectivePoint;
  const R = Point.fromHex(`${recovery === 0 ? "02" : "03"}${r.toString(16).padStart(64, "0")}`);
  const h = mod(BigInt(`0x${bytesToHex(digest)}`), n);
  const rInverse = invert(r, n);
  const G = new Point(Point.BASE.px, Point.BASE.py, Point.BASE.pz);
  const Q = G.multiplyUnsafe(mod(-h * rInverse, n)).add(R.multiplyUnsafe(mod(s * rInverse, n)));
  if (Q.equals(Point.ZERO)) throw new InvalidInputError("the signature recovers to no public key");
  Q.assertValidity();
  const publicKey = Q.toRawBytes(false);
  return checksumAddress(`0x${bytesToHex(keccak_256(publicKey.subarray(1)).subarray(12))}`);
}
