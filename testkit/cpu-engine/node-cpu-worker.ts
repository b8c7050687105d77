// The CPU worker for Node tests: the same handler as cpu-worker.ts, on a worker_threads thread.
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { createWasmKernels } from '../../lib/llm/cpu/kernels/wasm-kernels';
import { handleCpuWorker, type WorkerPort } from '../../lib/llm/cpu/worker-host';
import { createReferenceKernels } from '../../lib/llm/cpu/reference-kernels';
import { createTokenizer, renderChatPromptParts } from '../../lib/llm/cpu/tokenizer';

const port = parentPort!;
const wrapped: WorkerPort = {
  postMessage: (m) => port.postMessage(m),
  addEventListener: (_type, listener) => port.on('message', (data) => listener({ data })),
};
const data = (workerData ?? {}) as { kernels?: string; wasmPath?: string; threadPath?: string };

handleCpuWorker(wrapped, {
  async createKernels(threads) {
    if (data.kernels !== 'wasm') return { kernels: createReferenceKernels(), name: 'reference' };
    // Paths come from the test: this file runs bundled from /tmp, so import.meta.url cannot find the kernels.
    const module = new WebAssembly.Module(readFileSync(data.wasmPath!));
    const kernels = await createWasmKernels({ module, threads, spawnThread: () => new Worker(data.threadPath!) });
    return { kernels, name: 'wasm' };
  },
  createTokenizer,
  renderChat: renderChatPromptParts,
});
