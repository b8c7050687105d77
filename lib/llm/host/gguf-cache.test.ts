import { describe, expect, it } from 'vitest';
import { createGgufCache } from './gguf-cache';
import { createFakeOpfs } from '../../../testkit/fakes/fake-opfs';
import { AbortedError, ModelDownloadError, ModelLoadError, StorageQuotaError } from '../../messaging/errors';

const URL_ = 'https://example.com/m.gguf';
const MODEL = new Uint8Array([0x47, 0x47, 0x55, 0x46, ...Array.from({ length: 2000 }, (_, i) => i % 251)]);

/** A response that streams `body` in 500-byte pieces, promising `length` bytes. */
function respond(body: Uint8Array, length = body.length, status = 200): typeof fetch {
  return async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < body.length; i += 500) c.enqueue(body.slice(i, i + 500));
        c.close();
      },
    });
    return new Response(stream, { status, headers: { 'content-length': String(length) } });
  };
}

function setup(fetchImpl: typeof fetch, opts: { quota?: number; failWriteAfter?: number } = {}) {
  const fs = createFakeOpfs({ failWriteAfter: opts.failWriteAfter });
  const cache = createGgufCache({ root: fs.root, fetch: fetchImpl, estimate: async () => ({ usage: 0, quota: opts.quota ?? 1e9 }) });
  return { cache, fs, run: (signal = new AbortController().signal) => cache.download(URL_, 'Test model', () => {}, signal) };
}

describe('GGUF cache', () => {
  it('stores a complete model with its metadata, and opens it', async () => {
    const { cache } = setup(respond(MODEL));
    const progress: number[] = [];
    await cache.download(URL_, 'Test model', (p) => progress.push(p.loadedBytes), new AbortController().signal);
    expect(progress.at(-1)).toBe(MODEL.length);
    expect(await cache.meta(URL_)).toMatchObject({ url: URL_, sizeBytes: MODEL.length });
    expect(new Uint8Array(await (await cache.open(URL_))!.arrayBuffer())).toEqual(MODEL);
    expect(await cache.strayFiles()).toEqual([]);
  });

  it('discards a cut-off download: not cached, nothing left behind', async () => {
    const { cache, run } = setup(respond(MODEL.slice(0, 1000), MODEL.length));
    await expect(run()).rejects.toThrow(ModelDownloadError);
    await expect(run()).rejects.toThrow(/cut off/);
    expect(await cache.open(URL_)).toBeNull();
    expect(await cache.strayFiles()).toEqual([]);
  });

  it('refuses a file that does not start with GGUF', async () => {
    const { cache, run } = setup(respond(new TextEncoder().encode('<!doctype html><p>Sign in</p>')));
    await expect(run()).rejects.toThrow(ModelLoadError);
    expect(await cache.strayFiles()).toEqual([]);
  });

  it('says when storage is too small before downloading, and when it runs out while saving', async () => {
    const early = setup(respond(MODEL), { quota: 100 });
    await expect(early.run()).rejects.toThrow(StorageQuotaError);
    await expect(early.run()).rejects.toThrow(/needs 1 MB but only 0 MB/);
    const late = setup(respond(MODEL), { failWriteAfter: 1200 });
    await expect(late.run()).rejects.toThrow(StorageQuotaError);
    expect(await late.cache.strayFiles()).toEqual([]);
  });

  it('stops a download of unknown size at the space that was free, since unlimitedStorage would let it fill the disk', async () => {
    const unknownSize: typeof fetch = async (...a) => {
      const r = await respond(MODEL)(...a);
      return new Response(r.body, { status: 200 }); // no Content-Length
    };
    const { cache, run } = setup(unknownSize, { quota: 1500 });
    await expect(run()).rejects.toThrow(/Storage ran out while saving Test model: only 0 MB was free/);
    expect(await cache.open(URL_)).toBeNull();
    expect(await cache.strayFiles()).toEqual([]);
    await expect(setup(unknownSize, { quota: 2004 }).run()).resolves.toBeInstanceOf(Blob); // exactly fits
  });

  it('keeps an earlier good model when a new download of another fails', async () => {
    const fs = createFakeOpfs();
    let cut = false;
    const cache = createGgufCache({ root: fs.root, fetch: (...a) => respond(cut ? MODEL.slice(0, 10) : MODEL, MODEL.length)(...a), estimate: async () => ({}) });
    await cache.download(URL_, 'A', () => {}, new AbortController().signal);
    cut = true;
    await expect(cache.download('https://example.com/other.gguf', 'B', () => {}, new AbortController().signal)).rejects.toThrow(/cut off/);
    expect(await cache.meta(URL_)).not.toBeNull();
    expect(await cache.meta('https://example.com/other.gguf')).toBeNull();
  });

  it('reports an HTTP error and a cancelled download as such', async () => {
    await expect(setup(respond(new Uint8Array(), 0, 404)).run()).rejects.toThrow(/answered 404/);
    const stop = new AbortController();
    stop.abort();
    const aborting: typeof fetch = async () => Promise.reject(new DOMException('aborted', 'AbortError'));
    await expect(setup(aborting).run(stop.signal)).rejects.toThrow(AbortedError);
  });
});
