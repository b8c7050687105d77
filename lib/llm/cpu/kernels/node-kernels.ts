/**
 * Node-only wiring (tests, benchmarks): the committed kernels builds and worker_threads helpers. Node 20 runs the
 * SIMD128 build (its relaxed SIMD is an old draft: see relaxed-simd.ts); relaxed-browser.test.ts runs the relaxed
 * build in Chromium.
 */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Kernels } from '../kernel-api';
import { bestKernelsBuild, type KernelsBuild } from './relaxed-simd';
import { createWasmKernels } from './wasm-kernels';

export function readKernelsWasm(build: KernelsBuild = bestKernelsBuild()): Uint8Array<ArrayBuffer> {
  return readFileSync(new URL(build === 'relaxed' ? './kernels-relaxed.wasm' : './kernels.wasm', import.meta.url));
}

export function createNodeKernels(threads: number, wasm: Uint8Array<ArrayBuffer> = readKernelsWasm()): Promise<Kernels> {
  const module = new WebAssembly.Module(wasm);
  return createWasmKernels({ module, threads, spawnThread: () => new Worker(new URL('./node-thread.mjs', import.meta.url)) });
}
