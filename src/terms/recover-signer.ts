import { invert, mod } from "@noble/curves/abstract/modular";
import { secp256k1 } from "@noble/curves/secp256k1";
import { keccak_256 } from "@noble/hashes/sha3";
import { bytesToHex, hexToBytes } from "@noble/hashes/utils";
import type { Address } from "viem";
import { InvalidInputError } from "../errors.js";
import { checksumAddress } from "./address.js";

type CurvePoint = ReturnType<typeof secp256k1.ProjectivePoint.fromHex>;
let recoveries = 0;
let windowedBase: CurvePoint | undefined;

/**
 * k·G. The library's own G builds 8-bit window tables (≈ 60 ms) on first use, which a short-lived
 * CLI process or an edge worker verifying one signature never earns back: the first recovery of a
 * process multiplies on a bare copy of G (double-and-add). From the second on — a check of an app
 * with many signed releases recovers one signer per release — on a copy with 5-bit window tables,
 * built once: 40 multiplications measured about half the CPU of bare copies, and less than noble's
 * 8-bit tables. (Tables are used through the constant-time `multiply`: noble 1.9's
 * `multiplyUnsafe` on a point with tables is wrong for full-width scalars on secp256k1.)
 */
function multiplyBase(k: bigint): CurvePoint {
  const Point = secp256k1.ProjectivePoint;
  if (recoveries++ === 0 || k === 0n) return new Point(Point.BASE.px, Point.BASE.py, Point.BASE.pz).multiplyUnsafe(k);
  windowedBase ??= secp256k1.utils.precompute(5, new Point(Point.BASE.px, Point.BASE.py, Point.BASE.pz));
  return windowedBase.multiply(k);
}

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
  // Q = (s·r⁻¹)·R − (h·r⁻¹)·G, as noble's recoverPublicKey computes it, but not on noble's G (see
  // multiplyBase).
  const { r, s } = secp256k1.Signature.fromCompact(bytes.subarray(0, 64)); // checks 0 < r, s < n
  const n = secp256k1.CURVE.n;
  const Point = secp256k1.ProjectivePoint;
  const R = Point.fromHex(`${recovery === 0 ? "02" : "03"}${r.toString(16).padStart(64, "0")}`);
  const h = mod(BigInt(`0x${bytesToHex(digest)}`), n);
  const rInverse = invert(r, n);
  const Q = multiplyBase(mod(-h * rInverse, n)).add(R.multiplyUnsafe(mod(s * rInverse, n)));
  if (Q.equals(Point.ZERO)) throw new InvalidInputError("the signature recovers to no public key");
  Q.assertValidity();
  const publicKey = Q.toRawBytes(false);
  return checksumAddress(`0x${bytesToHex(keccak_256(publicKey.subarray(1)).subarray(12))}`);
}
