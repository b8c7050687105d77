import { describe, expect, it, vi } from 'vitest';
import { createOffscreenEnsurer } from './ensure-offscreen';

/** A browser with at most one offscreen document, as Chrome enforces, and a slow create. */
function fakeOffscreen() {
  let docs = 0;
  const createDocument = vi.fn(async () => {
    await new Promise((r) => setTimeout(r, 20));
    if (docs > 0) throw new Error('Only a single offscreen document may be created.');
    docs++;
  });
  return {
    deps: { createDocument, countDocuments: async () => docs, waitUntilReady: vi.fn(async () => {}) },
    close: () => {
      docs = 0;
    },
    count: () => docs,
  };
}

describe('ensureOffscreenDocument', () => {
  it('creates one document for concurrent callers', async () => {
    const f = fakeOffscreen();
    const ensure = createOffscreenEnsurer(f.deps);
    const results = await Promise.all([ensure(), ensure(), ensure()]);
    expect(f.deps.createDocument).toHaveBeenCalledOnce();
    expect(f.count()).toBe(1);
    expect(results.every((r) => r.created)).toBe(true);
    expect(f.deps.waitUntilReady).toHaveBeenCalledOnce();
  });

  it('reuses a live document and recreates a closed one', async () => {
    const f = fakeOffscreen();
    const ensure = createOffscreenEnsurer(f.deps);
    await ensure();
    expect(await ensure()).toEqual({ created: false });
    f.close();
    expect(await ensure()).toEqual({ created: true });
    expect(f.deps.createDocument).toHaveBeenCalledTimes(2);
  });

  it('treats losing a creation race with another context as success', async () => {
    const f = fakeOffscreen();
    const ensure = createOffscreenEnsurer({ ...f.deps, countDocuments: async () => 0 });
    await ensure();
    await expect(ensure()).resolves.toEqual({ created: false });
  });

  it('passes other creation errors on, and tries again next time', async () => {
    const createDocument = vi.fn().mockRejectedValueOnce(new Error('boom')).mockResolvedValue(undefined);
    const ensure = createOffscreenEnsurer({ createDocument, countDocuments: async () => 0, waitUntilReady: async () => {} });
    await expect(ensure()).rejects.toThrow('boom');
    await expect(ensure()).resolves.toEqual({ created: true });
  });
});
