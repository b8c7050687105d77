/**
 * Which kernels build this engine can run: kernels-relaxed.wasm needs relaxed SIMD's int8 dot (Chrome 114+),
 * kernels.wasm only SIMD128. The probe runs the instruction and checks its result, not just that it validates:
 * Node 20's --experimental-wasm-relaxed-simd accepts it but computes an older draft's semantics (no accumulate,
 * doubled sums), which would give wrong matmuls.
 */

/** a = 5, −3, 5, −3, …; b = 0, 1, 2, …, 15; acc = 100, 0, 0, 0: lane 0 = 100 + 5·0 − 3·1 + 5·2 − 3·3 = 98. */
const lane = (bytes: number[]) => [0xfd, 0x0c, ...bytes]; // v128.const
const probe = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f, // types: () -> i32
  0x03, 0x02, 0x01, 0x00, // one function of type 0
  0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00, // export it as "f"
  0x0a, 0x40, 0x01, 0x3e, 0x00, // code: one body of 62 bytes, no locals
  ...lane(Array.from({ length: 16 }, (_, i) => (i % 2 ? 0xfd : 5))),
  ...lane(Array.from({ length: 16 }, (_, i) => i)),
  ...lane([100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
  0xfd, 0x93, 0x02, // i32x4.relaxed_dot_i8x16_i7x16_add_s (0xfd 0x113)
  0xfd, 0x1b, 0x00, // i32x4.extract_lane 0
  0x0b,
]);

export type KernelsBuild = 'relaxed' | 'simd128';

export function bestKernelsBuild(): KernelsBuild {
  try {
    if (!WebAssembly.validate(probe)) return 'simd128';
    const f = new WebAssembly.Instance(new WebAssembly.Module(probe)).exports.f as () => number;
    return f() === 98 ? 'relaxed' : 'simd128';
  } catch {
    return 'simd128';
  }
}
