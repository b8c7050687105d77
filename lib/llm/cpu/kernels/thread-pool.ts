/**
 * The caller's side of the helper threads: post one job record, run it too, wait until every helper has finished.
 * Chunks are shared out inside wasm (an atomic counter in the job), so a helper whose core is busy just takes fewer.
 */
import { CTRL, type KernelThreadInit } from './thread-loop.mjs';

/** What `spawnThread` must return: a Node worker_threads Worker or a browser Worker both fit. */
export interface KernelThreadPort {
  postMessage(message: KernelThreadInit): void;
  terminate(): unknown;
}

export class KernelThreadsError extends Error {
  override name = 'KernelThreadsError';
}

const SPIN = 20000;

export interface ThreadPool {
  /** Run the job at `job` on every thread; returns when all are done. */
  run(): void;
  dispose(): void;
}

export async function createThreadPool(opts: {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  ctrl: number;
  job: number;
  stackTops: number[];
  runJob: (job: number, tid: number) => void;
  spawnThread: () => KernelThreadPort;
  readyTimeoutMs?: number;
}): Promise<ThreadPool> {
  const { memory, ctrl, job, runJob } = opts;
  const helpers = opts.stackTops.length;
  const word = new Int32Array(memory.buffer, ctrl, CTRL.count);
  const ports = opts.stackTops.map((stackTop, i) => {
    const port = opts.spawnThread();
    port.postMessage({ module: opts.module, memory, ctrl, job, tid: i + 1, stackTop });
    return port;
  });
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 20000);
  while (Atomics.load(word, CTRL.ready) < helpers) {
    if (Date.now() > deadline) {
      for (const p of ports) p.terminate();
      throw new KernelThreadsError(`only ${Atomics.load(word, CTRL.ready)} of ${helpers} kernel threads started`);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  return {
    run() {
      if (helpers === 0) return runJob(job, 0);
      Atomics.store(word, CTRL.done, 0);
      Atomics.store(word, CTRL.failed, 0);
      Atomics.add(word, CTRL.generation, 1);
      Atomics.notify(word, CTRL.generation);
      try {
        runJob(job, 0);
      } finally {
        // Even when this thread's share threw, the helpers must finish before the job record is reused.
        let done = Atomics.load(word, CTRL.done);
        for (let i = 0; done < helpers && i < SPIN; i++) done = Atomics.load(word, CTRL.done);
        while (done < helpers) {
          Atomics.wait(word, CTRL.done, done, 1000);
          done = Atomics.load(word, CTRL.done);
        }
      }
      if (Atomics.load(word, CTRL.failed)) throw new KernelThreadsError('a kernel thread failed its share of a job');
    },
    dispose() {
      Atomics.store(word, CTRL.quit, 1);
      Atomics.add(word, CTRL.generation, 1);
      Atomics.notify(word, CTRL.generation);
      for (const p of ports) p.terminate();
    },
  };
}
