/**
 * Threads for the CPU engine's kernels, and for the device measurement that predicts its speed (helpers share
 * the matmuls with the worker's own thread): every core, at most 4. Measured on 2 cores in Chromium (SmolLM2-360M-shaped Q8_0, testkit/cpu-engine/browser-bench.ts): when the
 * machine is not saturated, 2 threads read prompts ~1.7x and decode ~1.6x faster than 1 (one core streams weights
 * at ~7-8 GB/s, less than the memory gives two); only when other processes already fill both cores is 1 faster. A
 * chat's user is mostly waiting for the answer, so the second core is better spent on it.
 */
export const defaultCpuThreads = (cores = globalThis.navigator?.hardwareConcurrency ?? 1): number => Math.max(1, Math.min(4, cores || 1));
