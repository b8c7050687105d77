// The CPU engine's dedicated worker (a Vite module worker, started by spawn-cpu-worker.ts): the wasm kernels block
// with Atomics.wait, which a document's main thread may not do.
import { handleCpuWorker, type WorkerPort } from '../worker-host';
import { createBrowserKernels } from '../browser-kernels';
import { bestKernelsBuild } from '../kernels/relaxed-simd';
import { createReferenceKernels } from '../reference-kernels';
import { createTokenizer, renderChatPromptParts } from '../tokenizer';

handleCpuWorker(self as unknown as WorkerPort, {
  async createKernels(threads) {
    // Shared WebAssembly memory needs cross-origin isolation; without it the plain JavaScript kernels still work.
    if (globalThis.crossOriginIsolated) {
      try {
        // Relaxed SIMD's int8 dot (Chrome 114+) where it runs correctly, SIMD128 otherwise.
        const build = bestKernelsBuild();
        const kernels = await createBrowserKernels(build, threads);
        return { kernels, name: build === 'relaxed' ? 'wasm-relaxed' : 'wasm' };
      } catch (err) {
        console.warn('Hearth: WebAssembly kernels unavailable, using the JavaScript ones.', err);
      }
    }
    return { kernels: createReferenceKernels(), name: 'reference' };
  },
  createTokenizer,
  renderChat: renderChatPromptParts,
});
