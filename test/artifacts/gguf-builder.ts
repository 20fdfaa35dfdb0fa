/** Test-only GGUF writer: builds small (and deliberately broken) GGUF v3 files byte by byte. */
export type KvSpec =
  | { key: string; string: string }
  | { key: string; u32: number }
  | { key: string; u64: bigint }
  | { key: string; raw: Uint8Array; type: number };

export type TensorSpec = { name: string; shape: number[]; type: number; offset: bigint };

const enc = new TextEncoder();

export function u32(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value, true);
  return out;
}
export function u64(value: bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, value, true);
  return out;
}
export function str(value: string): Uint8Array {
  const bytes = enc.encode(value);
  return concat([u64(BigInt(bytes.length)), bytes]);
}
export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export function kvBytes(kv: KvSpec): Uint8Array {
  if ("string" in kv) return concat([str(kv.key), u32(8), str(kv.string)]);
  if ("u32" in kv) return concat([str(kv.key), u32(4), u32(kv.u32)]);
  if ("u64" in kv) return concat([str(kv.key), u32(10), u64(kv.u64)]);
  return concat([str(kv.key), u32(kv.type), kv.raw]);
}

export function buildGguf(options: {
  kv?: KvSpec[];
  tensors?: TensorSpec[];
  data?: Uint8Array;
  kvCount?: bigint;
  tensorCount?: bigint;
  version?: number;
  alignment?: number;
}): Uint8Array {
  const kv = options.kv ?? [];
  const tensors = options.tensors ?? [];
  const head = concat([
    enc.encode("GGUF"),
    u32(options.version ?? 3),
    u64(options.tensorCount ?? BigInt(tensors.length)),
    u64(options.kvCount ?? BigInt(kv.length)),
    ...kv.map(kvBytes),
    ...tensors.map((tensor) =>
      concat([str(tensor.name), u32(tensor.shape.length), ...tensor.shape.map((dim) => u64(BigInt(dim))), u32(tensor.type), u64(tensor.offset)]),
    ),
  ]);
  const alignment = options.alignment ?? 32;
  const padded = Math.ceil(head.length / alignment) * alignment;
  const data = options.data ?? new Uint8Array(0);
  const out = new Uint8Array(padded + data.length);
  out.set(head);
  out.set(data, padded);
  return out;
}
