import CpuWorker from './thread/cpu-worker.ts?worker';
import type { WorkerLike } from './worker-client';

/**
 * Start the CPU engine's worker. A `?worker` import, not `new Worker(new URL(…, import.meta.url))`: WXT defines
 * import.meta.url as self.location.href for every bundle, so Vite never sees the URL form and would not bundle it.
 */
export const spawnCpuWorker = (): WorkerLike => new CpuWorker() as unknown as WorkerLike;
