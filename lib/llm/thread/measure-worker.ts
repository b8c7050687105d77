// The device measurement's dedicated worker (started by run-device-measurement.ts): the wasm kernels block with
// Atomics.wait, which a document's main thread may not do, and a few hundred ms of matmuls must not stall the host.
import { createBrowserKernels } from '../cpu/browser-kernels';
import { BEST_OF, createWeightStreamer, measureBestOf } from '../measure-device';

self.onmessage = async (event: MessageEvent<{ threads: number }>) => {
  try {
    // The SIMD128 build, as when the estimate was calibrated: one-token matmuls stream memory at the same speed in both.
    const kernels = await createBrowserKernels('simd128', event.data.threads);
    try {
      // Several short runs spread over ~2 s, the fastest kept (lib/llm/measure-device.ts): a busy moment cannot decide.
      const streamer = createWeightStreamer(kernels);
      self.postMessage({ ok: true, speed: await measureBestOf(() => streamer.run(BEST_OF.budgetMs)) });
    } finally {
      kernels.dispose();
    }
  } catch (err) {
    self.postMessage({ ok: false, message: (err as Error)?.message ?? String(err) });
  }
};
