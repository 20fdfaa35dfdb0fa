/**
 * Test-only GGUF encoder for any version (1, 2, 3) and byte order, with typed values and nested
 * arrays: the generator behind the decoder's cross-check against `@huggingface/gguf`.
 */
export type EncodedValue =
  | { type: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 10 | 11 | 12; value: number | bigint | boolean }
  | { type: 8; value: string | Uint8Array }
  | { type: 9; elementType: number; items: EncodedValue[] };

export type EncodedKv = { key: string | Uint8Array; value: EncodedValue };
export type EncodedTensor = { name: string; shape: bigint[]; type: number; offset: bigint };

export type EncodeGgufOptions = {
  version: 1 | 2 | 3;
  littleEndian: boolean;
  kv: EncodedKv[];
  tensors: EncodedTensor[];
  /** Bytes appended after the header (padding and tensor data are the caller's business). */
  tail?: number | undefined;
};

export function encodeGguf(options: EncodeGgufOptions): Uint8Array {
  const { version, littleEndian: le } = options;
  const parts: Uint8Array[] = [];
  const fixed = (width: number, write: (view: DataView) => void) => {
    const out = new Uint8Array(width);
    write(new DataView(out.buffer));
    parts.push(out);
  };
  const u32 = (value: number) => fixed(4, (view) => view.setUint32(0, value, le));
  const u64 = (value: bigint) => fixed(8, (view) => view.setBigUint64(0, value, le));
  const size = (value: bigint) => (version === 1 ? u32(Number(value)) : u64(value));
  const text = (value: string | Uint8Array) => {
    const bytes = typeof value === "string" ? new TextEncoder().encode(value) : value;
    size(BigInt(bytes.length));
    parts.push(bytes);
  };
  const scalar = (entry: EncodedValue): void => {
    switch (entry.type) {
      case 0: return fixed(1, (view) => view.setUint8(0, Number(entry.value)));
      case 1: return fixed(1, (view) => view.setInt8(0, Number(entry.value)));
      case 2: return fixed(2, (view) => view.setUint16(0, Number(entry.value), le));
      case 3: return fixed(2, (view) => view.setInt16(0, Number(entry.value), le));
      case 4: return fixed(4, (view) => view.setUint32(0, Number(entry.value), le));
      case 5: return fixed(4, (view) => view.setInt32(0, Number(entry.value), le));
      case 6: return fixed(4, (view) => view.setFloat32(0, Number(entry.value), le));
      case 7: return fixed(1, (view) => view.setUint8(0, entry.value ? 1 : 0));
      case 8: return text(entry.value);
      case 9:
        u32(entry.elementType);
        size(BigInt(entry.items.length));
        for (const item of entry.items) scalar(item);
        return;
      case 10: return fixed(8, (view) => view.setBigUint64(0, BigInt(entry.value), le));
      case 11: return fixed(8, (view) => view.setBigInt64(0, BigInt(entry.value), le));
      case 12: return fixed(8, (view) => view.setFloat64(0, Number(entry.value), le));
    }
  };
  parts.push(new TextEncoder().encode("GGUF"));
  u32(version);
  size(BigInt(options.tensors.length));
  size(BigInt(options.kv.length));
  for (const { key, value } of options.kv) {
    text(key);
    u32(value.type);
    scalar(value);
  }
  for (const tensor of options.tensors) {
    text(tensor.name);
    u32(tensor.shape.length);
    for (const dim of tensor.shape) size(dim);
    u32(tensor.type);
    u64(tensor.offset);
  }
  parts.push(new Uint8Array(options.tail ?? 0));
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
