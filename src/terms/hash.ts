import canonicalize from "canonicalize";
import { sha256 } from "@noble/hashes/sha2";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils";
import type { Hex } from "viem";
import type { OmrlTerms } from "./types.js";

/** The fields that are not terms: the signature over them, and the `$schema` editor hint. */
function withoutSignature(terms: OmrlTerms): Omit<OmrlTerms, "signature" | "$schema"> {
  const { signature: _signature, $schema: _schema, ...rest } = terms;
  return rest;
}

/** RFC 8785 (JCS) canonical JSON: independent of key order and white space. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError("canonicalJson: value cannot be serialised");
  return text;
}

/** `0x` + sha256 of the canonical JSON of a value. */
export function hashCanonical(value: unknown): Hex {
  return `0x${bytesToHex(sha256(utf8ToBytes(canonicalJson(value))))}`;
}

/**
 * The **terms hash**: sha256 over the canonical JSON of the terms without `signature` (and the
 * `$schema` hint). It is what the licensor signs and what payments and statements reference.
 *
 * @example
 * hashTerms(terms) // "0x3f…"
 */
export function hashTerms(terms: OmrlTerms): Hex {
  return hashCanonical(withoutSignature(terms));
}

/**
 * The **terms core hash**: like the terms hash, but also without `model.artifacts`. It is what
 * `omrl tag --stamp` writes into safetensors / GGUF metadata: stamping changes the files' digests,
 * so the hash written into them cannot cover those digests.
 */
export function hashTermsCore(terms: OmrlTerms): Hex {
  const rest = withoutSignature(terms);
  const { artifacts: _artifacts, ...model } = rest.model;
  return hashCanonical({ ...rest, model });
}
