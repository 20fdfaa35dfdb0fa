import { sha256 } from "@noble/hashes/sha2";

/**
 * Compares two byte strings in time that depends only on their lengths, never on where they
 * differ: every byte pair is visited and the differences are OR-ed together, with no early exit.
 * A length mismatch is folded into the same accumulator, so it costs the same loop.
 *
 * @example
 * timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2])); // true
 */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  const length = Math.max(a.length, b.length);
  // a nonzero length difference makes the result false, whatever the bytes are
  let difference = a.length ^ b.length;
  for (let i = 0; i < length; i++) {
    // missing bytes read as 0 with no branch on which input is shorter
    difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  }
  return difference === 0;
}

const encoder = new TextEncoder();

/**
 * Whether a presented secret equals the expected one, without leaking by timing where they differ
 * or how long the expected secret is: both are hashed with sha256 first (fixed 32 bytes), then the
 * digests are compared with {@link timingSafeEqual}. A missing secret compares like a wrong one.
 *
 * @example
 * secretMatches(req.headers["x-webhook-secret"], process.env.WEBHOOK_SECRET!); // boolean
 */
export function secretMatches(presented: string | undefined, expected: string): boolean {
  const presentedDigest = sha256(encoder.encode(presented ?? ""));
  const expectedDigest = sha256(encoder.encode(expected));
  // an absent header hashes "" and is compared in full, then rejected
  return timingSafeEqual(presentedDigest, expectedDigest) && presented !== undefined;
}
