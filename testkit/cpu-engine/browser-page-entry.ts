// Bundled (esbuild) into the Chromium page that browser-kernels-page.ts opens: what a test or benchmark there needs.
export { createWasmKernels } from '../../lib/llm/cpu/kernels/wasm-kernels';
export { bestKernelsBuild } from '../../lib/llm/cpu/kernels/relaxed-simd';
export { createRandom, randomTensor } from '../../lib/llm/cpu/kernels/oracle';
export { GgmlType } from '../../lib/llm/cpu/kernel-api';
