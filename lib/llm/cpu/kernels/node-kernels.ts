/** Node-only wiring (tests, benchmarks): the committed kernels.wasm and worker_threads helpers. */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Kernels } from '../kernel-api';
import { createWasmKernels } from './wasm-kernels';

export function readKernelsWasm(): Uint8Array<ArrayBuffer> {
  return readFileSync(new URL('./kernels.wasm', import.meta.url));
}

export function createNodeKernels(threads: number, wasm: Uint8Array<ArrayBuffer> = readKernelsWasm()): Promise<Kernels> {
  const module = new WebAssembly.Module(wasm);
  return createWasmKernels({ module, threads, spawnThread: () => new Worker(new URL('./node-thread.mjs', import.meta.url)) });
}
