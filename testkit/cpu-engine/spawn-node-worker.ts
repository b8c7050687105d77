import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import type { WorkerLike } from '../../lib/llm/cpu/worker-client';

let bundled: Promise<string> | null = null;

/** Bundle testing/node-cpu-worker.ts once (Node cannot run TypeScript workers) and start it on a real thread. */
export async function spawnNodeCpuWorker(kernels: 'reference' | 'wasm' = 'reference'): Promise<() => WorkerLike> {
  bundled ??= (async () => {
    const outfile = `/tmp/hearth-cpu-worker-${process.pid}.mjs`;
    await build({
      entryPoints: [fileURLToPath(new URL('./node-cpu-worker.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile,
      logLevel: 'error',
      loader: { '.wasm': 'file' },
    });
    return outfile;
  })();
  const file = await bundled;
  return () => {
    const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
    const w = new Worker(file, { workerData: { kernels, wasmPath: here('../../lib/llm/cpu/kernels/kernels.wasm'), threadPath: here('../../lib/llm/cpu/kernels/node-thread.mjs') } });
    return {
      postMessage: (m) => w.postMessage(m),
      addEventListener(type: 'message' | 'error', listener: (e: never) => void) {
        if (type === 'message') w.on('message', (data) => listener({ data } as never));
        else w.on('error', (err: Error) => listener({ message: err.message } as never));
      },
      terminate: () => void w.terminate(),
    } as WorkerLike;
  };
}
