// The worker side of browser-bench.ts (bundled by esbuild): load the GGUF with the given kernels build, read the
// prompt in batches, decode greedily, post the speeds back.
import { createWasmKernels } from '../kernels/wasm-kernels';
import { inMemoryGguf } from '../test-support';
import { loadModel } from '../load-model';
import { createForward } from '../forward';
import { argmax } from '../sampler';

interface Job { wasm: string; threads: number; prompt: number[]; decode: number; batch: number; reps: number }

self.onmessage = async (e: MessageEvent<Job>) => {
  const { wasm, threads, prompt, decode, batch, reps } = e.data;
  const module = await WebAssembly.compile(await (await fetch(wasm)).arrayBuffer());
  const kernels = await createWasmKernels({ module, threads, spawnThread: () => new Worker('/thread.js') });
  const { header, read } = inMemoryGguf(new Uint8Array(await (await fetch('/model.gguf')).arrayBuffer()));
  const forward = createForward(kernels, await loadModel(header, read, kernels), prompt.length + decode + 8, batch);
  const runs = [];
  for (let r = 0; r < reps; r++) {
    let t0 = performance.now();
    let logits!: Float32Array;
    for (let at = 0; at < prompt.length; at += batch) logits = forward.run(prompt.slice(at, at + batch), at);
    const prefillMs = performance.now() - t0;
    const tokens = [argmax(logits)];
    t0 = performance.now();
    for (let i = 0; i < decode; i++) tokens.push(argmax(forward.run([tokens[i]!], prompt.length + i)));
    runs.push({ prefill: (prompt.length * 1000) / prefillMs, decode: (decode * 1000) / (performance.now() - t0), tokens });
  }
  kernels.dispose();
  self.postMessage(runs);
};
