/**
 * A tiny WebAssembly module for COCM's two hot loops, about 5× and 2× faster than JavaScript here:
 * - `axpy`: x[0..n) += c · y[0..n) over float64, two lanes at a time (SIMD);
 * - `sqrtsum`: Σ over g < h of √(X[g][h]·X[h][g]) where the product is positive, for an m × m X.
 * Each does the same IEEE operations in the same order as the JavaScript loops it replaces
 * (multiply, then add, each rounded), so both give bit-identical results; the JavaScript loops
 * remain the fallback where WebAssembly SIMD is unavailable.
 *
 * The module is 200-odd bytes, written out below instruction by instruction (no toolchain):
 *   (func (export "axpy") (param $x i32) (param $y i32) (param $c f64) (param $n i32)
 *     (local $cc v128)
 *     (local.set $cc (f64x2.splat (local.get $c)))
 *     (block $done (loop $pairs
 *       (br_if $done (i32.lt_u (local.get $n) (i32.const 2)))
 *       (v128.store (local.get $x) (f64x2.add (v128.load (local.get $x))
 *                                             (f64x2.mul (v128.load (local.get $y)) (local.get $cc))))
 *       (local.set $x (i32.add (local.get $x) (i32.const 16)))
 *       (local.set $y (i32.add (local.get $y) (i32.const 16)))
 *       (local.set $n (i32.sub (local.get $n) (i32.const 2)))
 *       (br $pairs)))
 *     (if (local.get $n)
 *       (then (f64.store (local.get $x) (f64.add (f64.load (local.get $x))
 *                                                (f64.mul (f64.load (local.get $y)) (local.get $c)))))))
 *   (func (export "sqrtsum") (param $x i32) (param $m i32) (result f64)
 *     ;; for g in 0..m, h in g+1..m: p = X[g][h] · X[h][g]; if p > 0 then sum += √p
 *     ;; walking row g rightwards (a += 8) and column g downwards (b += 8m))
 * with the memory imported as env.memory.
 */
import { leb, section } from "./wasm-encoding.js";
const body = [
  0x01, 0x01, 0x7b, // one local: v128
  0x20, 0x02, 0xfd, 0x14, 0x21, 0x04, // cc = f64x2.splat(c)
  0x02, 0x40, 0x03, 0x40, // block, loop
  0x20, 0x03, 0x41, 0x02, 0x49, 0x0d, 0x01, // br_if done (n < 2)
  0x20, 0x00, // x (store address)
  0x20, 0x00, 0xfd, 0x00, 0x03, 0x00, // v128.load x
  0x20, 0x01, 0xfd, 0x00, 0x03, 0x00, // v128.load y
  0x20, 0x04, 0xfd, 0xf2, 0x01, // f64x2.mul cc
  0xfd, 0xf0, 0x01, // f64x2.add
  0xfd, 0x0b, 0x03, 0x00, // v128.store
  0x20, 0x00, 0x41, 0x10, 0x6a, 0x21, 0x00, // x += 16
  0x20, 0x01, 0x41, 0x10, 0x6a, 0x21, 0x01, // y += 16
  0x20, 0x03, 0x41, 0x02, 0x6b, 0x21, 0x03, // n -= 2
  0x0c, 0x00, // br loop
  0x0b, 0x0b, // end loop, end block
  0x20, 0x03, 0x04, 0x40, // if n
  0x20, 0x00, 0x20, 0x00, 0x2b, 0x03, 0x00, 0x20, 0x01, 0x2b, 0x03, 0x00, 0x20, 0x02, 0xa2, 0xa0, 0x39, 0x03, 0x00,
  0x0b, // end if
  0x0b, // end function
];

const sqrtsumBody = [
  0x02, 0x05, 0x7f, 0x02, 0x7c, // locals: g h a b stride (i32), sum p (f64)
  0x20, 0x01, 0x41, 0x03, 0x74, 0x21, 0x06, // stride = m << 3
  0x02, 0x40, 0x03, 0x40, // block, loop (rows)
  0x20, 0x02, 0x20, 0x01, 0x4f, 0x0d, 0x01, // br_if done (g >= m)
  0x20, 0x02, 0x41, 0x01, 0x6a, 0x21, 0x03, // h = g + 1
  0x20, 0x00, 0x20, 0x02, 0x20, 0x01, 0x6c, 0x20, 0x03, 0x6a, 0x41, 0x03, 0x74, 0x6a, 0x21, 0x04, // a = x + (g·m + h)·8
  0x20, 0x00, 0x20, 0x03, 0x20, 0x01, 0x6c, 0x20, 0x02, 0x6a, 0x41, 0x03, 0x74, 0x6a, 0x21, 0x05, // b = x + (h·m + g)·8
  0x02, 0x40, 0x03, 0x40, // block, loop (the row's pairs)
  0x20, 0x03, 0x20, 0x01, 0x4f, 0x0d, 0x01, // br_if row done (h >= m)
  0x20, 0x04, 0x2b, 0x03, 0x00, 0x20, 0x05, 0x2b, 0x03, 0x00, 0xa2, 0x22, 0x08, // p = X[a] · X[b]
  0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0x64, // p > 0.0
  0x04, 0x40, 0x20, 0x07, 0x20, 0x08, 0x9f, 0xa0, 0x21, 0x07, 0x0b, // if: sum = sum + √p
  0x20, 0x04, 0x41, 0x08, 0x6a, 0x21, 0x04, // a += 8
  0x20, 0x05, 0x20, 0x06, 0x6a, 0x21, 0x05, // b += stride
  0x20, 0x03, 0x41, 0x01, 0x6a, 0x21, 0x03, // h += 1
  0x0c, 0x00, 0x0b, 0x0b, // br, end loop, end block
  0x20, 0x02, 0x41, 0x01, 0x6a, 0x21, 0x02, // g += 1
  0x0c, 0x00, 0x0b, 0x0b, // br, end loop, end block
  0x20, 0x07, // sum
  0x0b,
];


const MODULE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // \0asm, version 1
  ...section(1, [0x02, 0x60, 0x04, 0x7f, 0x7f, 0x7c, 0x7f, 0x00, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7c]), // (i32 i32 f64 i32) -> (), (i32 i32) -> f64
  ...section(2, [0x01, 0x03, ...[0x65, 0x6e, 0x76], 0x06, ...[0x6d, 0x65, 0x6d, 0x6f, 0x72, 0x79], 0x02, 0x00, 0x00]), // import env.memory
  ...section(3, [0x02, 0x00, 0x01]), // two functions, of types 0 and 1
  ...section(7, [0x02, 0x04, ...[0x61, 0x78, 0x70, 0x79], 0x00, 0x00, 0x07, ...[0x73, 0x71, 0x72, 0x74, 0x73, 0x75, 0x6d], 0x00, 0x01]), // exports
  ...section(10, [0x02, ...leb(body.length), ...body, ...leb(sqrtsumBody.length), ...sqrtsumBody]), // code
]);

export type CocmKernel = {
  /** float64 view of the kernel's memory. */
  f64: Float64Array;
  /** x[xAt..xAt+n) += c · y[yAt..yAt+n), indices in float64 elements. */
  axpy: (xAt: number, yAt: number, c: number, n: number) => void;
  /** Σ over g < h of √(X[g][h]·X[h][g]) where positive, X the m × m matrix at element 0. */
  sqrtsum: (m: number) => number;
};

/** A kernel with room for `elements` float64 values, or undefined where WebAssembly SIMD is not available. */
export function createCocmKernel(elements: number): CocmKernel | undefined {
  try {
    if (typeof WebAssembly !== "object" || elements * 8 > 2 ** 31) return undefined;
    const memory = new WebAssembly.Memory({ initial: Math.ceil((elements * 8) / 65536) || 1 });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(MODULE), { env: { memory } });
    const axpy = instance.exports.axpy as (x: number, y: number, c: number, n: number) => void;
    const sqrtsum = instance.exports.sqrtsum as (x: number, m: number) => number;
    return {
      f64: new Float64Array(memory.buffer),
      axpy: (xAt, yAt, c, n) => axpy(xAt * 8, yAt * 8, c, n),
      sqrtsum: (m) => sqrtsum(0, m),
    };
  } catch {
    return undefined;
  }
}
