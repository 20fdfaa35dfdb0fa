import { keccak256, stringToBytes, type Hex } from "viem";

/**
 * The Safe Transaction Builder's order-independent serialisation, written from the description of
 * the app's algorithm (safe-global/safe-react-apps, `apps/tx-builder/src/lib/checksum.ts`):
 *
 * - an array is `[` + its elements' serialisations joined by `,` + `]`;
 * - an object is `{` + the JSON of its keys sorted (JavaScript's default sort) + each value's
 *   serialisation followed by a `,`, in that key order + `}` — e.g. `{"b":1,"a":[2]}` becomes
 *   `{["a","b"][2],1,}`;
 * - anything else is its `JSON.stringify`, with `undefined` written as `null`.
 *
 * It is not JSON and is never parsed back; it only has to be the same bytes the app hashes.
 */
export function serializeForSafeChecksum(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(serializeForSafeChecksum).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    let out = `{${JSON.stringify(keys)}`;
    for (const key of keys) out += `${serializeForSafeChecksum(record[key])},`;
    return `${out}}`;
  }
  return value === undefined ? "null" : JSON.stringify(value);
}

/**
 * The checksum the Safe Transaction Builder writes into `meta.checksum` when it exports a batch
 * and checks when it imports one: keccak256 over the UTF-8 bytes of
 * `serializeForSafeChecksum(batch)`, where `meta.name` is replaced by `null` (renaming a batch
 * keeps its checksum) and `meta.checksum` is left out.
 *
 * @example
 * computeSafeBatchChecksum(batchFile) // "0x8b5032f7…"
 */
export function computeSafeBatchChecksum(batch: { meta: object } & Record<string, unknown>): Hex {
  const { checksum: _omitted, ...meta } = batch.meta as Record<string, unknown>;
  return keccak256(stringToBytes(serializeForSafeChecksum({ ...batch, meta: { ...meta, name: null } })));
}
