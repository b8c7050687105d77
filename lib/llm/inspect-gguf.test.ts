import { describe, expect, it, vi } from 'vitest';
import { inspectGguf, CUSTOM_CONTEXT_CAP } from './inspect-gguf';
import { createCustomGgufModel } from './models';
import { makeTinyLlamaGguf } from '../../testkit/models/tiny-llama-gguf';

const spec = createCustomGgufModel('https://example.com/tiny.gguf');
const serve = (body: Uint8Array, init: ResponseInit = {}) => vi.fn(async () => new Response(body as BodyInit, init)) as unknown as typeof fetch;

describe('inspectGguf', () => {
  it('gives an added model the context it was trained with and its size, from a Range request', async () => {
    const file = new Uint8Array(makeTinyLlamaGguf({ nCtx: 1024 }));
    const fetchFn = serve(file.subarray(0, 4096), { status: 206, headers: { 'content-range': `bytes 0-4095/${file.length}` } });
    await expect(inspectGguf(spec, fetchFn)).resolves.toEqual({ ...spec, contextTokens: 1024, sizeBytes: file.length });
    expect(fetchFn).toHaveBeenCalledWith(spec.source, expect.objectContaining({ headers: { Range: 'bytes=0-8388607' } }));
  });

  it('caps a long trained context, and reads a whole-file answer from servers that ignore Range', async () => {
    const file = new Uint8Array(makeTinyLlamaGguf({ nCtx: 32768 }));
    const got = await inspectGguf(spec, serve(file, { status: 200, headers: { 'content-length': String(file.length) } }));
    expect(got).toMatchObject({ contextTokens: CUSTOM_CONTEXT_CAP, sizeBytes: file.length });
  });

  it('refuses a page that is not GGUF and an address the server does not have; and a server it cannot reach', async () => {
    await expect(inspectGguf(spec, serve(new TextEncoder().encode('<!doctype html><p>Sign in</p>')))).rejects.toThrow(/not a GGUF model file/);
    await expect(inspectGguf(spec, serve(new Uint8Array(0), { status: 404 }))).rejects.toThrow(/answered 404/);
    const offline = vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))) as unknown as typeof fetch;
    await expect(inspectGguf(spec, offline)).rejects.toThrow(/Could not reach .+ Check the address and that you are online/);
  });
});
