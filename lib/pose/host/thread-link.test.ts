import { describe, expect, it, vi } from 'vitest';
import { createPoseWorkerLink, type WorkerLike } from './thread-link';
import type { ToPoseWorker } from '../thread-messages';

/** A pose thread that answers a status only when `answers` is on. */
function fakeThread(answers: boolean) {
  const sent: ToPoseWorker[] = [];
  const worker: WorkerLike = {
    onmessage: null,
    postMessage(m) {
      sent.push(m);
      if (answers && m.type === 'status') queueMicrotask(() => worker.onmessage?.({ data: { type: 'status', id: m.id, numTensors: 42 } } as MessageEvent));
    },
  };
  return { worker, sent };
}

const link = (worker: WorkerLike) =>
  createPoseWorkerLink({ createWorker: () => worker, memory: { get: () => null, set: () => {} }, keys: () => [], cores: 2, statusTimeoutMs: 50 });

describe('the pose thread link', () => {
  it('counts no tensors before the thread exists', async () => {
    const thread = fakeThread(true);
    expect(await link(thread.worker).numTensors()).toBe(0);
    expect(thread.sent).toEqual([]);
  });

  it('gives the thread’s count, and null (not a wait without end) when a busy or stuck thread does not answer', async () => {
    const stream = () => new ReadableStream();
    const answering = fakeThread(true);
    const a = link(answering.worker);
    void a.start({ model: 'lightning', backend: 'auto' }, stream(), () => {}).catch(() => {});
    expect(await a.numTensors()).toBe(42);

    vi.useFakeTimers();
    try {
      const silent = fakeThread(false);
      const s = link(silent.worker);
      void s.start({ model: 'lightning', backend: 'auto' }, stream(), () => {}).catch(() => {});
      const count = s.numTensors();
      await vi.advanceTimersByTimeAsync(60);
      expect(await count).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});
