import { describe, expect, it, vi } from 'vitest';
import { createWebLlmEngine, type WebLlmChunk, type WebLlmEngineLike, type WebLlmModule } from './webllm-engine';
import { ModelLibIntegrityError, ModelLoadError, WebGpuUnavailableError } from '../../messaging/errors';
import type { AdapterLike, GpuLike } from './detect-backend';
import type { ModelSpec } from '../../messaging/protocol';

const model: ModelSpec = { id: 'w', label: 'Tiny', engine: 'webllm', source: 'Tiny-q4f16_1-MLC', contextTokens: 4096, sizeBytes: 1000, needsShaderF16: true };
const gpu = (f16: boolean): GpuLike => ({
  requestAdapter: async () => ({ features: { has: (n: string) => f16 && n === 'shader-f16' } }) as AdapterLike,
});

function fakeWebLlm(pieces = ['Hel', 'lo']) {
  let interrupted = false;
  const engine: WebLlmEngineLike = {
    chat: {
      completions: {
        create: vi.fn(async () =>
          (async function* (): AsyncIterable<WebLlmChunk> {
            for (const p of pieces) {
              if (interrupted) break;
              yield { choices: [{ delta: { content: p }, finish_reason: null }] };
              await new Promise((r) => setTimeout(r, 1));
            }
            yield { choices: [], usage: { prompt_tokens: 7, completion_tokens: pieces.length, extra: { decode_tokens_per_s: 55, prefill_tokens_per_s: 300 } } };
          })(),
        ),
      },
    },
    completions: { create: vi.fn() },
    interruptGenerate: vi.fn(() => {
      interrupted = true;
    }),
    unload: vi.fn(async () => {}),
  };
  const module: WebLlmModule = {
    CreateMLCEngine: vi.fn(async (_id, config) => {
      config.initProgressCallback?.({ progress: 0.5, text: '' });
      config.initProgressCallback?.({ progress: 1, text: '' });
      return engine;
    }),
  };
  return { module, engine, importWebLlm: vi.fn(async () => module) };
}

const verified = { model_list: [{ model: 'https://huggingface.co/x', model_id: 'Tiny-q4f16_1-MLC', model_lib: 'blob:lib' }] };
const libs = { appConfigFor: vi.fn(async () => ({ appConfig: verified, release: vi.fn() })) };

describe('WebLLM engine', () => {
  it('checks WebGPU before it imports WebLLM or downloads anything', async () => {
    const f = fakeWebLlm();
    await expect(createWebLlmEngine({ gpu: undefined, importWebLlm: f.importWebLlm, libs }).load(model, () => {})).rejects.toThrow(WebGpuUnavailableError);
    await expect(createWebLlmEngine({ gpu: gpu(false), importWebLlm: f.importWebLlm, libs }).load(model, () => {})).rejects.toThrow(/shader-f16/);
    expect(f.importWebLlm).not.toHaveBeenCalled();
  });

  it('loads with progress, streams, and maps usage', async () => {
    const f = fakeWebLlm();
    const engine = createWebLlmEngine({ gpu: gpu(true), importWebLlm: f.importWebLlm, libs });
    const progress: number[] = [];
    await engine.load(model, (p) => progress.push(p.loadedBytes));
    expect(progress).toEqual([500, 1000]);
    // WebLLM gets the library Hearth verified, and the object URL is let go once WebLLM has read it.
    expect(f.module.CreateMLCEngine).toHaveBeenCalledWith('Tiny-q4f16_1-MLC', expect.objectContaining({ appConfig: verified }));
    expect((await libs.appConfigFor.mock.results.at(-1)!.value).release).toHaveBeenCalled();
    const tokens: string[] = [];
    const stats = await engine.generate({ input: { kind: 'chat', messages: [{ role: 'user', content: 'hi' }] } }, (t) => tokens.push(t), new AbortController().signal);
    expect(tokens.join('')).toBe('Hello');
    expect(f.engine.chat.completions.create).toHaveBeenCalledWith(expect.objectContaining({ stream: true, stream_options: { include_usage: true } }));
    expect(stats).toMatchObject({ promptTokens: 7, completionTokens: 2, decodeTokensPerSec: 55, prefillTokensPerSec: 300, finishReason: 'stop' });
  });

  it('interrupts generation on stop', async () => {
    const f = fakeWebLlm(['a', 'b', 'c', 'd']);
    const engine = createWebLlmEngine({ gpu: gpu(true), importWebLlm: f.importWebLlm, libs });
    await engine.load(model, () => {});
    const stop = new AbortController();
    const tokens: string[] = [];
    const stats = await engine.generate({ input: { kind: 'chat', messages: [{ role: 'user', content: 'hi' }] } }, (t) => {
      tokens.push(t);
      stop.abort();
    }, stop.signal);
    expect(f.engine.interruptGenerate).toHaveBeenCalled();
    expect(stats.finishReason).toBe('aborted');
    expect(tokens).toEqual(['a']);
  });

  it('never calls WebLLM when the library is refused, and says so', async () => {
    const f = fakeWebLlm();
    const refusing = { appConfigFor: async () => Promise.reject(new ModelLibIntegrityError('Tiny needs a WebGPU library that this build has not pinned')) };
    const engine = createWebLlmEngine({ gpu: gpu(true), importWebLlm: f.importWebLlm, libs: refusing });
    await expect(engine.load(model, () => {})).rejects.toThrow(ModelLibIntegrityError);
    expect(f.module.CreateMLCEngine).not.toHaveBeenCalled();
    expect(engine.loadedModelId).toBeNull();
  });

  it('turns a lost device while loading into advice to pick a smaller model', async () => {
    const engine = createWebLlmEngine({
      gpu: gpu(true),
      importWebLlm: async () => ({ CreateMLCEngine: async () => Promise.reject(new Error('Device was lost')) }),
      libs,
    });
    await expect(engine.load(model, () => {})).rejects.toThrow(ModelLoadError);
    await expect(engine.load(model, () => {})).rejects.toThrow(/smaller model/);
  });
});
