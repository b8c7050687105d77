import { describe, expect, it, vi } from 'vitest';
import { createHash } from 'node:crypto';
import { ModelDownloadError, ModelLibIntegrityError } from '../../messaging/errors';
import type { ModelSpec } from '../../messaging/protocol';
import { createWebLlmLibSource, type LibCache } from './webllm-lib-source';

const LIB = 'https://raw.githubusercontent.com/x/main/Tiny-webgpu.wasm';
const record = { model: 'https://huggingface.co/x/Tiny', model_id: 'Tiny-MLC', model_lib: LIB };
const model: ModelSpec = { id: 'webllm:Tiny-MLC', label: 'Tiny', engine: 'webllm', source: 'Tiny-MLC', contextTokens: 4096 };
const reviewed = Buffer.from('\0asm reviewed');
const pin = { model_id: 'Tiny-MLC', sha256: createHash('sha256').update(reviewed).digest('base64'), size: reviewed.length };

function memoryCache(): LibCache & { store: Map<string, Buffer> } {
  const store = new Map<string, Buffer>();
  return {
    store,
    match: async (url) => (store.has(url) ? new Response(new Uint8Array(store.get(url)!)) : undefined),
    put: async (url, r) => void store.set(url, Buffer.from(await r.arrayBuffer())),
    delete: async (url) => store.delete(url),
  };
}

function source(served: Buffer, o: { lock?: Record<string, typeof pin>; cache?: ReturnType<typeof memoryCache>; vendored?: Record<string, { file: string; sha256: string; source: string }> } = {}) {
  const cache = o.cache ?? memoryCache();
  const fetch = vi.fn(async () => new Response(new Uint8Array(served)));
  const blobs: Blob[] = [];
  const objectUrl = { create: vi.fn((b: Blob) => (blobs.push(b), `blob:hearth/${blobs.length}`)), revoke: vi.fn() };
  const libs = createWebLlmLibSource({
    lock: o.lock ?? { [LIB]: pin },
    modelList: async () => [record],
    vendored: async () => o.vendored ?? null,
    packagedUrl: (p) => `chrome-extension://id${p}`,
    fetch: fetch as unknown as typeof globalThis.fetch,
    cache: async () => cache,
    objectUrl,
  });
  return { libs, fetch, cache, blobs, objectUrl };
}

describe('WebLLM libraries, verified before WebLLM sees them', () => {
  it('accepts the pinned library: WebLLM gets its bytes at an object URL, and it is kept for next time', async () => {
    const s = source(reviewed);
    const { appConfig, release } = await s.libs.appConfigFor(model);
    expect(appConfig.model_list).toEqual([{ ...record, model_lib: 'blob:hearth/1' }]);
    expect(Buffer.from(await s.blobs[0]!.arrayBuffer())).toEqual(reviewed);
    expect(s.fetch).toHaveBeenCalledWith(LIB);
    release();
    expect(s.objectUrl.revoke).toHaveBeenCalledWith('blob:hearth/1');
    await s.libs.appConfigFor(model);
    expect(s.fetch).toHaveBeenCalledTimes(1); // the second load read Hearth's cache
  });

  it('refuses a library whose bytes do not match, and neither caches it nor hands it to WebLLM', async () => {
    const s = source(Buffer.from('\0asm swapped!'));
    await expect(s.libs.appConfigFor(model)).rejects.toThrow(ModelLibIntegrityError);
    expect(s.cache.store.size).toBe(0);
    expect(s.objectUrl.create).not.toHaveBeenCalled();
  });

  it('refuses a library with no lock entry without downloading it', async () => {
    const s = source(reviewed, { lock: {} });
    await expect(s.libs.appConfigFor(model)).rejects.toThrow(/Tiny needs a WebGPU library that this build of Hearth has not pinned/);
    expect(s.fetch).not.toHaveBeenCalled();
  });

  it('checks a cached library again, and fetches it anew when the cache holds other bytes', async () => {
    const cache = memoryCache();
    cache.store.set(LIB, Buffer.from('\0asm changed on disk'));
    const s = source(reviewed, { cache });
    await s.libs.appConfigFor(model);
    expect(s.fetch).toHaveBeenCalledTimes(1);
    expect(cache.store.get(LIB)).toEqual(reviewed);
  });

  it("reads a vendored library from the package, and verifies it against the lock all the same", async () => {
    const vendored = { 'Tiny-MLC': { file: 'Tiny-webgpu.wasm', sha256: pin.sha256, source: LIB } };
    const s = source(Buffer.from('\0asm swapped!'), { vendored });
    await expect(s.libs.appConfigFor(model)).rejects.toThrow(ModelLibIntegrityError);
    expect(s.fetch).toHaveBeenCalledWith('chrome-extension://id/webllm-libs/Tiny-webgpu.wasm');
  });

  it('says when the library cannot be downloaded', async () => {
    const s = source(reviewed);
    s.fetch.mockResolvedValueOnce(new Response('no', { status: 404 }));
    await expect(s.libs.appConfigFor(model)).rejects.toThrow(ModelDownloadError);
  });
});
