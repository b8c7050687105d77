import { describe, expect, it, vi } from 'vitest';
import { createModelManager } from './model-manager';
import { fakeModel } from '../../../testkit/fakes/fake-engine';
import { AbortedError, ModelDownloadError } from '../../messaging/errors';

const tick = () => new Promise((r) => setTimeout(r, 0));

function setup() {
  const cached = new Map<string, number>();
  let release: () => void = () => {};
  const gguf = {
    meta: vi.fn(async (url: string) => (cached.has(url) ? { url, sizeBytes: cached.get(url)!, savedAt: 0 } : null)),
    remove: vi.fn(async (url: string) => void cached.delete(url)),
    download: vi.fn(
      (url: string, _label: string, onProgress: (p: { loadedBytes: number; totalBytes: number; bytesPerSec: number }) => void, signal: AbortSignal) =>
        new Promise<Blob>((resolve, reject) => {
          onProgress({ loadedBytes: 40, totalBytes: 100, bytesPerSec: 20 });
          signal.addEventListener('abort', () => reject(new AbortedError('Download cancelled.')));
          release = () => {
            if (url.includes('bad')) return reject(new ModelDownloadError('cut off'));
            cached.set(url, 100);
            resolve(new Blob());
          };
        }),
    ),
  };
  const manager = createModelManager({ gguf, webllmCache: async () => null, preload: vi.fn(async () => {}) });
  return { manager, gguf, release: () => release() };
}

describe('model manager (host side)', () => {
  it('downloads in the background with progress, then reports the model cached', async () => {
    const { manager, release } = setup();
    const m = fakeModel('a');
    expect(await manager.download(m)).toMatchObject({ cached: false, download: { state: 'running', loadedBytes: 40, totalBytes: 100, bytesPerSec: 20 } });
    release();
    await tick();
    expect((await manager.list([m]))[0]).toMatchObject({ cached: true, sizeOnDiskBytes: 100, download: { state: 'done' } });
  });
  it('cancels, and records failures with their message', async () => {
    const { manager, release } = setup();
    const m = fakeModel('a');
    await manager.download(m);
    await manager.cancel(m);
    await tick();
    expect((await manager.list([m]))[0]).toMatchObject({ cached: false, download: { state: 'cancelled' } });
    const bad = fakeModel('bad');
    await manager.download(bad);
    release();
    await tick();
    expect((await manager.list([bad]))[0]).toMatchObject({ cached: false, download: { state: 'failed', error: { code: 'model-download', message: 'cut off' } } });
  });
  it('deletes a cached model, and says WebGPU models are unknown without WebGPU', async () => {
    const { manager, gguf, release } = setup();
    const m = fakeModel('a');
    await manager.download(m);
    release();
    await tick();
    expect((await manager.remove(m)).cached).toBe(false);
    expect(gguf.remove).toHaveBeenCalledWith(m.source);
    expect((await manager.list([fakeModel('w', 'webllm')]))[0]!.cached).toBe('unknown');
  });
});
