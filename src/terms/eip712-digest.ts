import { keccak_256 } from "@noble/hashes/sha3";
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from "@noble/hashes/utils";
import { InvalidInputError } from "../errors.js";
import { checksumAddress } from "./address.js";

type Field = { readonly name: string; readonly type: string };
type Types = Readonly<Record<string, readonly Field[]>>;

/** The EIP-712 digest input: domain, struct types, primary type and message. */
export type TypedDataToHash = {
  domain: { name?: string | undefined; version?: string | undefined; chainId?: number | bigint | undefined };
  types: Types;
  primaryType: string;
  message: Record<string, unknown>;
};

function word(value: bigint): Uint8Array {
  return hexToBytes(value.toString(16).padStart(64, "0"));
}

/** `Name(type name,…)` followed by the referenced struct types, sorted by name. */
function encodeType(types: Types, primary: string): string {
  const found = new Set<string>();
  const visit = (name: string) => {
    if (found.has(name) || !types[name]) return;
    found.add(name);
    for (const field of types[name]!) visit(field.type.replace(/\[\]$/, ""));
  };
  visit(primary);
  const rest = [...found].filter((name) => name !== primary).sort();
  return [primary, ...rest].map((name) => `${name}(${types[name]!.map((f) => `${f.type} ${f.name}`).join(",")})`).join("");
}

function encodeValue(types: Types, type: string, value: unknown, where: string): Uint8Array {
  if (type.endsWith("[]")) {
    if (!Array.isArray(value)) throw new InvalidInputError(`${where} is not an array`);
    const inner = type.slice(0, -2);
    return keccak_256(concatBytes(...value.map((item, i) => encodeValue(types, inner, item, `${where}[${i}]`))));
  }
  if (types[type]) return hashStruct(types, type, value as Record<string, unknown>, where);
  if (type === "string") {
    if (typeof value !== "string") throw new InvalidInputError(`${where} is not a string`);
    return stringHash(value);
  }
  if (type === "address") return word(BigInt(checksumAddress(String(value))));
  if (type === "bytes32") {
    if (typeof value !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(value)) throw new InvalidInputError(`${where} is not 32 bytes of hex`);
    return hexToBytes(value.slice(2));
  }
  const uint = /^uint(\d+)$/.exec(type);
  if (uint) {
    const n = typeof value === "bigint" ? value : typeof value === "number" && Number.isInteger(value) ? BigInt(value) : undefined;
    if (n === undefined || n < 0n || n >= 1n << BigInt(uint[1]!)) throw new InvalidInputError(`${where} is not a ${type}`);
    return word(n);
  }
  throw new InvalidInputError(`${where}: EIP-712 type ${type} is not supported here`);
}

/**
 * keccak256 of short strings seen lately: releases checked together share several of them
 * (domain name and version, chain, basis, token symbol, rate), and keccak was ~60% of a digest's
 * time in a warm `check` profile (it is still cold then). Bounded. The arrays are only ever copied
 * (`concatBytes`), never handed out.
 */
const stringHashes = new Map<string, Uint8Array>();

function stringHash(value: string): Uint8Array {
  if (value.length > 128) return keccak_256(utf8ToBytes(value));
  let hash = stringHashes.get(value);
  if (hash === undefined) {
    hash = keccak_256(utf8ToBytes(value));
    if (stringHashes.size >= 256) stringHashes.delete(stringHashes.keys().next().value!);
    stringHashes.set(value, hash);
  }
  return hash;
}

/** keccak256 of each encoded type seen (the terms' typed data has three): a check hashes one typed message per signed release. Bounded. */
const typeHashes = new Map<string, Uint8Array>();

function typeHashOf(encoded: string): Uint8Array {
  let hash = typeHashes.get(encoded);
  if (hash === undefined) {
    hash = keccak_256(utf8ToBytes(encoded));
    if (typeHashes.size >= 64) typeHashes.clear();
    typeHashes.set(encoded, hash);
  }
  return hash;
}

function hashStruct(types: Types, name: string, value: Record<string, unknown>, where: string): Uint8Array {
  if (!value || typeof value !== "object") throw new InvalidInputError(`${where} is not a ${name}`);
  const typeHash = typeHashOf(encodeType(types, name));
  return keccak_256(concatBytes(typeHash, ...types[name]!.map((f) => encodeValue(types, f.type, value[f.name], `${where}.${f.name}`))));
}

const DOMAIN_FIELDS: Field[] = [
  { name: "name", type: "string" },
  { name: "version", type: "string" },
  { name: "chainId", type: "uint256" },
];

/**
 * The EIP-712 digest (`keccak256(0x1901 ‖ domainSeparator ‖ hashStruct(message))`) of typed data
 * whose fields are strings, addresses, unsigned integers, bytes32, structs and arrays of them —
 * what the terms' typed data uses. On `@noble/hashes`, so verifying loads no Ethereum library.
 *
 * @example
 * const digest = eip712Digest(termsTypedData(terms));
 */
export function eip712Digest(typed: TypedDataToHash): Uint8Array {
  const domainFields = DOMAIN_FIELDS.filter((f) => typed.domain[f.name as keyof TypedDataToHash["domain"]] !== undefined);
  const domainTypes: Types = { ...typed.types, EIP712Domain: domainFields };
  const domain = { ...typed.domain, chainId: typed.domain.chainId === undefined ? undefined : BigInt(typed.domain.chainId) };
  const separator = hashStruct(domainTypes, "EIP712Domain", domain, "domain");
  return keccak_256(concatBytes(new Uint8Array([0x19, 0x01]), separator, hashStruct(typed.types, typed.primaryType, typed.message, "message")));
}

/** `0x`-prefixed hex of the digest, as viem's `hashTypedData` returns it. */
export function eip712DigestHex(typed: TypedDataToHash): `0x${string}` {
  return `0x${bytesToHex(eip712Digest(typed))}`;
}
