// The few WebAssembly binary-format encoders the hand-written kernels (`wasm-kernel.ts`,
// `pairwise-kernel.ts`) need to lay out a module.

/** Unsigned LEB128, as the binary format writes sizes, counts and indices. */
export function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
}

/** A module section: its id, then its byte length, then its bytes. */
export const section = (id: number, bytes: number[]): number[] => [id, ...leb(bytes.length), ...bytes];
