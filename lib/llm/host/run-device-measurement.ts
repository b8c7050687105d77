import { defaultCpuThreads } from '../cpu/threads';
import type { DeviceSpeed } from '../speed-estimate';

export class DeviceMeasurementError extends Error {
  override name = 'DeviceMeasurementError';
}

export interface WorkerLike {
  onmessage: ((e: MessageEvent) => void) | null;
  onerror: ((e: unknown) => void) | null;
  postMessage(message: unknown): void;
  terminate(): void;
}

/**
 * Measure this device in a worker of its own and end the worker (its memory goes with it). Needs cross-origin
 * isolation (shared wasm memory), as Hearth's extension pages have.
 */
export function runDeviceMeasurement(
  /** Starts lib/llm/thread/measure-worker.ts (a Vite `?worker` import, made by the page that wires this). */
  spawn: () => WorkerLike,
  // As many threads as the CPU engine uses, so the estimate is for the same setup.
  threads = defaultCpuThreads(),
  timeoutMs = 20_000,
): Promise<DeviceSpeed> {
  if (!globalThis.crossOriginIsolated) return Promise.reject(new DeviceMeasurementError('Not cross-origin isolated: no shared memory for the kernels.'));
  const worker = spawn();
  return new Promise<DeviceSpeed>((resolve, reject) => {
    const timer = setTimeout(() => reject(new DeviceMeasurementError('The device measurement did not finish.')), timeoutMs);
    worker.onmessage = (e) => {
      clearTimeout(timer);
      const data = e.data as { ok: true; speed: DeviceSpeed } | { ok: false; message: string };
      if (data.ok) resolve(data.speed);
      else reject(new DeviceMeasurementError(data.message));
    };
    worker.onerror = () => {
      clearTimeout(timer);
      reject(new DeviceMeasurementError('The measurement worker failed to start.'));
    };
    worker.postMessage({ threads });
  }).finally(() => worker.terminate());
}
