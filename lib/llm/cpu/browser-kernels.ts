// The WebAssembly kernels in a browser worker: both the CPU engine's worker and the device measurement's load them.
import { createWasmKernels } from './kernels/wasm-kernels';
import KernelThread from './thread/kernel-thread.ts?worker';
import kernelsWasmUrl from './kernels/kernels.wasm?url';
import relaxedWasmUrl from './kernels/kernels-relaxed.wasm?url';
import type { KernelsBuild } from './kernels/relaxed-simd';
import type { Kernels } from './kernel-api';

/** Compile the packaged `build` and start its helper threads (Vite bundles them with `?worker`). */
export async function createBrowserKernels(build: KernelsBuild, threads: number): Promise<Kernels> {
  const url = build === 'relaxed' ? relaxedWasmUrl : kernelsWasmUrl;
  const module = await WebAssembly.compile(await (await fetch(url)).arrayBuffer());
  return createWasmKernels({ module, threads, spawnThread: () => new KernelThread() });
}
