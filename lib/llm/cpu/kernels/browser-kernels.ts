/**
 * Browser wiring: the packaged kernels.wasm (a Vite `?url` asset) and module-worker helper threads (also packaged by
 * Vite). Call from a dedicated worker: Atomics.wait is not allowed on a page's main thread. Shared memory needs a
 * cross-origin-isolated context.
 */
import wasmUrl from './kernels.wasm?url';
import relaxedUrl from './kernels-relaxed.wasm?url';
import { bestKernelsBuild } from './relaxed-simd';
// `?worker&url`: Vite bundles the thread script as its own file (a `new URL(..., import.meta.url)` was not rewritten
// in WXT's build).
import threadUrl from './kernel-thread.ts?worker&url';
import type { Kernels } from '../kernel-api';
import { createWasmKernels } from './wasm-kernels';

export async function createBrowserKernels(threads: number): Promise<Kernels> {
  const url = bestKernelsBuild() === 'relaxed' ? relaxedUrl : wasmUrl;
  const module = await WebAssembly.compile(await (await fetch(url)).arrayBuffer());
  return createWasmKernels({
    module,
    threads,
    spawnThread: () => new Worker(threadUrl, { type: 'module' }),
  });
}
