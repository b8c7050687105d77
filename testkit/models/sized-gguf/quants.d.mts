export declare const GGML: { F32: 0; Q4_0: 2; Q5_0: 6; Q8_0: 8; Q4_K: 12; Q6_K: 14 };
export declare const TYPES: Record<0 | 2 | 6 | 8 | 12 | 14, { name: string; elems: number; bytes: number; qstd?: number }>;
export declare function tensorBytes(type: number, elems: number): number;
export declare function f16(v: number): number;
export declare function createRandom(seed: number): { fill(u32: Uint32Array): void; next(): number };
/** Random quants in `buf` (whole blocks of `type`) whose weights have about `std` spread around zero. */
export declare function fillQuantBlocks(type: number, buf: Uint8Array, rng: ReturnType<typeof createRandom>, std: number): void;
