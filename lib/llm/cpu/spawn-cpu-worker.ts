import type { WorkerLike } from './worker-client';

/** Start the CPU engine's worker; Vite bundles cpu-worker.ts as a module worker from this `new URL` form. */
export const spawnCpuWorker = (): WorkerLike =>
  new Worker(new URL('./cpu-worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike;
