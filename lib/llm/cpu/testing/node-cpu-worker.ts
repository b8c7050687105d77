// The CPU worker for Node tests: the same handler as cpu-worker.ts, on a worker_threads thread.
import { parentPort, workerData } from 'node:worker_threads';
import { handleCpuWorker, type WorkerPort } from '../worker-host';
import { createReferenceKernels } from '../reference-kernels';
import { createTokenizer, renderChatPrompt } from '../tokenizer';

const port = parentPort!;
const wrapped: WorkerPort = {
  postMessage: (m) => port.postMessage(m),
  addEventListener: (_type, listener) => port.on('message', (data) => listener({ data })),
};
const kernelsName = (workerData as { kernels?: string } | undefined)?.kernels ?? 'reference';

handleCpuWorker(wrapped, {
  async createKernels(threads) {
    if (kernelsName !== 'reference') throw new Error(`No ${kernelsName} kernels for ${threads} threads yet.`);
    return { kernels: createReferenceKernels(), name: 'reference' };
  },
  createTokenizer,
  renderChat: renderChatPrompt,
});
