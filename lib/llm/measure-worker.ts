// The device measurement's dedicated worker (started by run-device-measurement.ts): the wasm kernels block with
// Atomics.wait, which a document's main thread may not do, and a few hundred ms of matmuls must not stall the host.
import { createWasmKernels } from './cpu/kernels/wasm-kernels';
import KernelThread from './cpu/kernels/kernel-thread.ts?worker';
import kernelsWasmUrl from './cpu/kernels/kernels.wasm?url';
import { measureWeightStreaming } from './measure-device';

self.onmessage = async (event: MessageEvent<{ threads: number }>) => {
  try {
    const module = await WebAssembly.compile(await (await fetch(kernelsWasmUrl)).arrayBuffer());
    const kernels = await createWasmKernels({ module, threads: event.data.threads, spawnThread: () => new KernelThread() as never });
    try {
      self.postMessage({ ok: true, speed: measureWeightStreaming(kernels) });
    } finally {
      kernels.dispose();
    }
  } catch (err) {
    self.postMessage({ ok: false, message: (err as Error)?.message ?? String(err) });
  }
};
