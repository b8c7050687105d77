import { describe, expect, it, vi } from 'vitest';
import { createWllamaEngine, type WllamaChunk, type WllamaLike } from './wllama-engine';
import { ContextOverflowError, GenerationError, ModelDownloadError, ModelLoadError } from '../../messaging/errors';
import { fakeModel } from '../../../testkit/fakes/fake-engine';

async function* chunks(pieces: string[], signal?: AbortSignal): AsyncIterable<WllamaChunk> {
  for (const [i, p] of pieces.entries()) {
    if (signal?.aborted) {
      const e = new Error('aborted');
      e.name = 'WllamaAbortError';
      throw e;
    }
    yield { choices: [{ delta: { content: p }, finish_reason: i === pieces.length - 1 ? 'length' : null }] };
  }
  yield { choices: [{ delta: {} }], usage: { prompt_tokens: 4, completion_tokens: pieces.length }, timings: { predicted_per_second: 42, prompt_per_second: 100 } };
}

function fakeWllama(over: Partial<WllamaLike> = {}): WllamaLike & { calls: Record<string, unknown>[] } {
  const calls: Record<string, unknown>[] = [];
  return {
    calls,
    loadModel: vi.fn(async () => {}),
    createChatCompletion: vi.fn(async (p) => (calls.push(p), chunks([' four', ' five', ' six'], p.abortSignal as AbortSignal))),
    createCompletion: vi.fn(async (p) => (calls.push(p), chunks([' x'], p.abortSignal as AbortSignal))),
    exit: vi.fn(async () => {}),
    ...over,
  };
}

/** A cache holding `cached` URLs; others "download" with two progress steps, or fail with `fail`. */
function fakeCache(cached: string[] = [], fail?: Error) {
  return {
    open: vi.fn(async (url: string) => (cached.includes(url) ? new Blob(['GGUF-cached']) : null)),
    download: vi.fn(async (_url: string, _label: string, onProgress: (p: { loadedBytes: number; totalBytes: number; bytesPerSec: number }) => void) => {
      if (fail) throw fail;
      onProgress({ loadedBytes: 5, totalBytes: 10, bytesPerSec: 1 });
      onProgress({ loadedBytes: 10, totalBytes: 10, bytesPerSec: 1 });
      return new Blob(['GGUF012345']);
    }),
  };
}

describe('Wasm engine', () => {
  it('passes a model\'s thread count to wllama (the bench sets it so every engine uses the same)', async () => {
    const w = fakeWllama();
    const engine = createWllamaEngine({ createWllama: () => w, cache: fakeCache() });
    await engine.load({ ...fakeModel('m'), threads: 2 }, () => {});
    expect(vi.mocked(w.loadModel).mock.calls[0]![1]).toMatchObject({ n_threads: 2 });
  });

  it('loads on the CPU with progress, streams tokens and maps usage and timings', async () => {
    const w = fakeWllama();
    const cache = fakeCache();
    const engine = createWllamaEngine({ createWllama: () => w, cache });
    const progress: string[] = [];
    await engine.load(fakeModel('m'), (p) => progress.push(`${p.phase} ${p.loadedBytes}/${p.totalBytes}`));
    expect(progress).toEqual(['download 5/10', 'download 10/10', 'init 10/10']);
    expect(vi.mocked(w.loadModel).mock.calls[0]![1]).toMatchObject({ n_gpu_layers: 0, n_ctx: 512 });
    expect(vi.mocked(w.loadModel).mock.calls[0]![1]).not.toHaveProperty('n_threads'); // wllama's own choice
    expect(await (vi.mocked(w.loadModel).mock.calls[0]![0][0] as Blob).text()).toBe('GGUF012345');
    expect(engine.loadedModelId).toBe('m');

    const tokens: string[] = [];
    const stats = await engine.generate(
      { input: { kind: 'chat', messages: [{ role: 'user', content: 'one two three' }] }, options: { temperature: 0, maxTokens: 3 } },
      (t) => tokens.push(t),
      new AbortController().signal,
    );
    expect(tokens).toEqual([' four', ' five', ' six']);
    expect(w.calls[0]).toMatchObject({ temperature: 0, max_tokens: 3, stream: true, messages: [{ role: 'user', content: 'one two three' }] });
    expect(stats).toMatchObject({ promptTokens: 4, completionTokens: 3, decodeTokensPerSec: 42, prefillTokensPerSec: 100, finishReason: 'length' });
  });

  it('counts a prompt prefix reused from the cache in promptTokens', async () => {
    async function* cached(): AsyncIterable<WllamaChunk> {
      yield { choices: [{ delta: { content: ' x' } }] };
      yield { choices: [{ delta: {} }], timings: { prompt_n: 3, cache_n: 7, predicted_n: 1 } };
    }
    const w = fakeWllama({ createChatCompletion: vi.fn(async () => cached()) });
    const engine = createWllamaEngine({ createWllama: () => w, cache: fakeCache() });
    await engine.load(fakeModel('m'), () => {});
    const stats = await engine.generate({ input: { kind: 'chat', messages: [{ role: 'user', content: 'p' }] } }, () => {}, new AbortController().signal);
    expect(stats.promptTokens).toBe(10);
  });

  it('uses a raw completion for completion requests', async () => {
    const w = fakeWllama();
    const engine = createWllamaEngine({ createWllama: () => w, cache: fakeCache() });
    await engine.load(fakeModel('m'), () => {});
    await engine.generate({ input: { kind: 'completion', prompt: 'p' } }, () => {}, new AbortController().signal);
    expect(w.createCompletion).toHaveBeenCalledOnce();
    expect(w.calls[0]).toMatchObject({ prompt: 'p' });
  });

  it('stops when aborted and keeps what was written', async () => {
    const engine = createWllamaEngine({ createWllama: () => fakeWllama(), cache: fakeCache() });
    await engine.load(fakeModel('m'), () => {});
    const stop = new AbortController();
    const tokens: string[] = [];
    const stats = await engine.generate(
      { input: { kind: 'completion', prompt: 'p' } },
      (t) => {
        tokens.push(t);
        stop.abort();
      },
      stop.signal,
    );
    expect(stats.finishReason).toBe('aborted');
    expect(tokens).toEqual([' x']);
  });

  it('fails a load that hangs, with a clear message, and frees the runtime', async () => {
    const w = fakeWllama({ loadModel: () => new Promise(() => {}) });
    const engine = createWllamaEngine({ createWllama: () => w, cache: fakeCache(), stallMs: 30 });
    await expect(engine.load(fakeModel('m'), () => {})).rejects.toThrow(ModelLoadError);
    expect(w.exit).toHaveBeenCalled();
    expect(engine.loadedModelId).toBeNull();
  });

  it('uses the cached file without downloading, and passes download errors on', async () => {
    const m = fakeModel('m');
    const cache = fakeCache([m.source]);
    await createWllamaEngine({ createWllama: () => fakeWllama(), cache }).load(m, () => {});
    expect(cache.download).not.toHaveBeenCalled();
    const down = createWllamaEngine({ createWllama: () => fakeWllama(), cache: fakeCache([], new ModelDownloadError('cut off')) });
    await expect(down.load(m, () => {})).rejects.toThrow(ModelDownloadError);
  });

  it('tells a file llama.cpp cannot read, and memory exhaustion, with advice', async () => {
    const bad = createWllamaEngine({ createWllama: () => fakeWllama({ loadModel: async () => Promise.reject(new Error('invalid magic')) }), cache: fakeCache() });
    await expect(bad.load(fakeModel('m'), () => {})).rejects.toThrow(/not be loaded.*valid GGUF/);
    const oom = createWllamaEngine({ createWllama: () => fakeWllama({ loadModel: async () => Promise.reject(new Error('Cannot allocate WebAssembly.Memory')) }), cache: fakeCache() });
    await expect(oom.load(fakeModel('m'), () => {})).rejects.toThrow(/smaller model/);
  });

  it('frees the old runtime when another model loads, and refuses to generate with none', async () => {
    const first = fakeWllama();
    const runtimes = [first, fakeWllama()];
    const engine = createWllamaEngine({ createWllama: () => runtimes.shift()!, cache: fakeCache() });
    await expect(engine.generate({ input: { kind: 'completion', prompt: 'p' } }, () => {}, new AbortController().signal)).rejects.toThrow(GenerationError);
    await engine.load(fakeModel('a'), () => {});
    await engine.load(fakeModel('b'), () => {});
    expect(first.exit).toHaveBeenCalled();
    expect(engine.loadedModelId).toBe('b');
  });
});

describe('Wasm engine: a prompt longer than the context', () => {
  it('is a ContextOverflowError (llama.cpp’s own words), so a summary can split smaller', async () => {
    const refuse = async () => Promise.reject(new Error('request (2301 tokens) exceeds the available context size (2048 tokens), try increasing it'));
    const engine = createWllamaEngine({ createWllama: () => fakeWllama({ createChatCompletion: refuse }), cache: fakeCache() });
    await engine.load(fakeModel('m'), () => {});
    const chat = { input: { kind: 'chat' as const, messages: [{ role: 'user' as const, content: 'long' }] } };
    await expect(engine.generate(chat, () => {}, new AbortController().signal)).rejects.toBeInstanceOf(ContextOverflowError);
    const broken = createWllamaEngine({ createWllama: () => fakeWllama({ createChatCompletion: async () => Promise.reject(new Error('decode failed')) }), cache: fakeCache() });
    await broken.load(fakeModel('m'), () => {});
    await expect(broken.generate(chat, () => {}, new AbortController().signal)).rejects.toBeInstanceOf(GenerationError);
  });
});
