import { describe, expect, it, vi } from 'vitest';
import { firstTokenBoundMs, generateWatched, MIN_FIRST_TOKEN_MS } from './generation-watchdog';
import { createLlmHost, type GenerationSink } from './llm-host';
import { createFakeEngine, fakeModel } from '../../../testkit/fakes/fake-engine';
import { GenerationStalledError } from '../../messaging/errors';
import type { LlmEngine } from '../engine';
import type { EngineKind, GenerateRequest } from '../../messaging/protocol';

const chat = (content: string): GenerateRequest => ({ input: { kind: 'chat', messages: [{ role: 'user', content }] } });
const sink = (tokens: string[] = []): GenerationSink => ({ queued: () => {}, backend: () => {}, progress: () => {}, token: (t) => tokens.push(t) });

/** An engine that writes `before` tokens and then hangs (a stuck runtime), seeing its stop signal. */
function hangingEngine(before: number, seen: { aborted?: boolean; unloads: number }): LlmEngine {
  let loaded: string | null = null;
  return {
    kind: 'cpu',
    get loadedModelId() {
      return loaded;
    },
    async load(model) {
      loaded = model.id;
    },
    async generate(_request, onToken, signal) {
      for (let i = 0; i < before; i++) onToken(`t${i} `);
      signal.addEventListener('abort', () => (seen.aborted = true));
      return new Promise(() => {}); // never settles, as a wedged runtime
    },
    async unload() {
      seen.unloads++;
      loaded = null;
    },
  };
}

describe('the generation watchdog', () => {
  it('bounds the first token by the prompt at a quarter of the last reading speed, or at 1 token/s, never under 2 minutes', () => {
    expect(firstTokenBoundMs(chat('short'), 100)).toBe(MIN_FIRST_TOKEN_MS);
    const page = 'x'.repeat(8000); // at most 8,000 tokens (a byte a token)
    expect(firstTokenBoundMs(chat(page), 100)).toBeCloseTo(((8000 + 8) / 25) * 1000, -2);
    expect(firstTokenBoundMs(chat(page))).toBeCloseTo((8000 + 8) * 1000, -2);
  });

  it('fails a generation with no first token within the bound, and tells the engine to stop', async () => {
    const seen = { unloads: 0 } as { aborted?: boolean; unloads: number };
    const engine = hangingEngine(0, seen);
    await engine.load(fakeModel('m'), () => {});
    const run = generateWatched({ engine, model: fakeModel('m'), request: chat('hi'), onToken: () => {}, onReading: () => {}, signal: new AbortController().signal, firstTokenMs: 30, gapMs: 1000 });
    await expect(run).rejects.toBeInstanceOf(GenerationStalledError);
    await expect(run).rejects.toThrow(/made no progress for 0 s and was stopped; its memory is freed/);
    expect(seen.aborted).toBe(true);
  });

  it('fails one that stops between tokens, after the gap', async () => {
    const seen = { unloads: 0 };
    const tokens: string[] = [];
    const engine = hangingEngine(3, seen);
    const started = Date.now();
    const run = generateWatched({ engine, model: fakeModel('m'), request: chat('hi'), onToken: (t) => tokens.push(t), onReading: () => {}, signal: new AbortController().signal, firstTokenMs: 60_000, gapMs: 40 });
    await expect(run).rejects.toBeInstanceOf(GenerationStalledError);
    expect(Date.now() - started).toBeLessThan(30_000); // the gap after a token, not the first-token bound
    expect(tokens).toEqual(['t0 ', 't1 ', 't2 ']);
  });

  it('lets a slow but working engine finish: every token and reading report restarts the clock', async () => {
    const engine = createFakeEngine('cpu');
    await engine.load(fakeModel('m'), () => {});
    const tokens: string[] = [];
    // The fake reads and writes a word every 1–2 ms: 500 words take longer than the 1 s gap, each far less.
    const started = Date.now();
    const stats = await generateWatched({ engine, model: fakeModel('m'), request: chat(Array.from({ length: 500 }, (_, i) => `w${i}`).join(' ')), onToken: (t) => tokens.push(t), onReading: () => {}, signal: new AbortController().signal, firstTokenMs: 1000, gapMs: 1000 });
    expect(Date.now() - started).toBeGreaterThan(1000);
    expect(stats.finishReason).toBe('stop');
    expect(tokens).toHaveLength(500);
  });
});

describe('the host with a stuck engine', () => {
  it('reports the stall as what it is, drops the stuck runtime, and the next request works on a new one', async () => {
    const seen = { unloads: 0 };
    let made = 0;
    const createEngine = vi.fn((kind: EngineKind) => (made++ === 0 ? hangingEngine(1, seen) : createFakeEngine(kind)));
    const host = createLlmHost({ detectBackend: async () => ({ engine: 'cpu', reason: 'test' }), createEngine, watchdog: { firstTokenMs: 50, gapMs: 50 } });
    await host.select(fakeModel('m1'));
    await expect(host.generate(chat('a b'), sink(), new AbortController().signal)).rejects.toBeInstanceOf(GenerationStalledError);
    expect(seen.unloads).toBe(1);
    expect((await host.status()).lastError?.code).toBe('generation-stalled');
    const tokens: string[] = [];
    await host.generate(chat('c d'), sink(tokens), new AbortController().signal);
    expect(tokens.join('')).toBe('c d ');
    expect(createEngine).toHaveBeenCalledTimes(2);
  });
});
