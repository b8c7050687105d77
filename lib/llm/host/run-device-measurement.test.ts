import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeviceMeasurementError, runDeviceMeasurement, type WorkerLike } from './run-device-measurement';

function fakeWorker(reply: (post: (data: unknown) => void) => void) {
  const w: WorkerLike & { posted: unknown[]; terminated: boolean } = {
    onmessage: null,
    onerror: null,
    posted: [],
    terminated: false,
    postMessage(m) {
      this.posted.push(m);
      reply((data) => w.onmessage?.({ data } as MessageEvent));
    },
    terminate() {
      this.terminated = true;
    },
  };
  return w;
}

afterEach(() => vi.unstubAllGlobals());

describe('runDeviceMeasurement', () => {
  it('asks the worker with the thread count, returns its speed and ends it', async () => {
    vi.stubGlobal('crossOriginIsolated', true);
    const speed = { weightBytesPerSec: 2e9, threads: 2, at: 1 };
    const w = fakeWorker((post) => post({ ok: true, speed }));
    await expect(runDeviceMeasurement(() => w, 2)).resolves.toEqual(speed);
    expect(w.posted).toEqual([{ threads: 2 }]);
    expect(w.terminated).toBe(true);
  });
  it('fails clearly: a worker error, a timeout, no cross-origin isolation', async () => {
    vi.stubGlobal('crossOriginIsolated', true);
    const failing = fakeWorker((post) => post({ ok: false, message: 'no memory' }));
    await expect(runDeviceMeasurement(() => failing, 1)).rejects.toThrow(/no memory/);
    expect(failing.terminated).toBe(true);
    const silent = fakeWorker(() => {});
    await expect(runDeviceMeasurement(() => silent, 1, 20)).rejects.toBeInstanceOf(DeviceMeasurementError);
    expect(silent.terminated).toBe(true);
    vi.stubGlobal('crossOriginIsolated', false);
    const spawn = vi.fn(() => fakeWorker(() => {}));
    await expect(runDeviceMeasurement(spawn, 1)).rejects.toThrow(/cross-origin isolated/);
    expect(spawn).not.toHaveBeenCalled();
  });
});
