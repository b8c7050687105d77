// Bundled (esbuild) into the Chromium page that browser-kernels-page.ts opens: what a test or benchmark there needs.
export { createWasmKernels } from '../kernels/wasm-kernels';
export { bestKernelsBuild } from '../kernels/relaxed-simd';
export { createRandom, randomTensor } from '../kernels/oracle';
export { GgmlType } from '../kernel-api';
