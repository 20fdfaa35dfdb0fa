/**
 * Bits per element of every dtype the safetensors format defines (the Rust crate's `Dtype`,
 * 0.6/0.7: sub-byte floats F4 / F6_*, the FP8 variants, C64). A header naming anything else is
 * rejected as `unknown-dtype`, as the reference implementation rejects it.
 */
export const SAFETENSORS_DTYPE_BITS = {
  BOOL: 8,
  F4: 4,
  F6_E2M3: 6,
  F6_E3M2: 6,
  U8: 8,
  I8: 8,
  F8_E5M2: 8,
  F8_E4M3: 8,
  F8_E8M0: 8,
  F8_E4M3FNUZ: 8,
  F8_E5M2FNUZ: 8,
  I16: 16,
  U16: 16,
  F16: 16,
  BF16: 16,
  I32: 32,
  U32: 32,
  F32: 32,
  C64: 64,
  F64: 64,
  I64: 64,
  U64: 64,
} as const satisfies Record<string, number>;

export type SafetensorsDtype = keyof typeof SAFETENSORS_DTYPE_BITS;

export function isSafetensorsDtype(value: unknown): value is SafetensorsDtype {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(SAFETENSORS_DTYPE_BITS, value);
}
