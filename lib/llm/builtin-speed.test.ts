import { describe, expect, it } from 'vitest';
import { measureBuiltinSpeed, slowReason, usableWordsPerSec, wordsPerSecOf } from './builtin-speed';
import { createBuiltinEngine } from './host/builtin-engine';
import { USABLE_TOKENS_PER_SEC, WORDS_PER_TOKEN } from './speed-estimate';
import type { LanguageModelApi, LanguageModelSessionLike } from './builtin-ai';
import { createFakeLanguageModel, domError } from '../../testkit/fakes/fake-built-in-ai';

// Against a FAKE of Chrome's Prompt API (testkit/fakes/fake-built-in-ai.ts, written from its IDL): Chrome's model is not
// on this machine. The fake streams one word a piece; a test clock moves `msPerWord` at each piece, so the speed the
// probe measures is the fake's, whatever this machine's load.

const FORTY_WORDS = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');

function timedFake(msPerWord: number, options: Parameters<typeof createFakeLanguageModel>[0] = {}) {
  let clock = 0;
  const api = createFakeLanguageModel({ answer: () => FORTY_WORDS, onPiece: () => void (clock += msPerWord), ...options });
  return { api, now: () => clock, engine: createBuiltinEngine({ languageModel: api }) };
}

describe("the first-run offer's timing of Chrome's built-in model (fake Prompt API)", () => {
  it('uses the usable speed lib/llm/speed-estimate.ts owns, in words', () => {
    expect(usableWordsPerSec()).toBe(USABLE_TOKENS_PER_SEC * WORDS_PER_TOKEN);
  });

  it('a fast model (40 words/s) is usable; the engine is unloaded after', async () => {
    const { api, engine, now } = timedFake(25);
    const got = await measureBuiltinSpeed({ engine, now });
    expect(got.verdict).toBe('usable');
    expect((got as { wordsPerSec: number }).wordsPerSec).toBeCloseTo(40, 0);
    await expect.poll(() => engine.loadedModelId).toBeNull();
    expect(api.sessions.every((s) => s.destroyed)).toBe(true);
  });

  it('a slow model (4 words/s) is not proposed, and the reason gives both speeds', async () => {
    const { engine, now } = timedFake(250);
    const got = await measureBuiltinSpeed({ engine, now });
    expect(got).toEqual({ verdict: 'slow', wordsPerSec: expect.closeTo(4, 1), reason: slowReason(4) });
    expect(slowReason(4)).toBe(`Chrome's built-in model answered at 4.0 words/s here, below the ${usableWordsPerSec()} words/s Hearth needs to keep up with reading, so Hearth offers its own model.`);
  });

  it('stops after a few dozen words: the probe asks for a short answer only', async () => {
    const long = Array.from({ length: 500 }, (_, i) => `w${i}`).join(' ');
    let pieces = 0;
    const api = createFakeLanguageModel({ answer: () => long, onPiece: () => void pieces++ });
    await measureBuiltinSpeed({ engine: createBuiltinEngine({ languageModel: api }) });
    expect(pieces).toBeLessThanOrEqual(49);
  });

  it('a model that never starts (create() hangs) times out: not proposed, nothing hangs', async () => {
    const hanging: LanguageModelApi = { availability: async () => 'available', create: () => new Promise(() => {}) };
    const started = Date.now();
    const got = await measureBuiltinSpeed({ engine: createBuiltinEngine({ languageModel: hanging }), timeoutMs: 50 });
    expect(got).toEqual({ verdict: 'failed', reason: expect.stringMatching(/did not answer within 0 s here, so Hearth offers its own model/) });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('an answer that never comes times out, and its stream is aborted', async () => {
    let aborted = false;
    const silent: LanguageModelSessionLike = {
      promptStreaming: (_input, { signal } = {}) => new ReadableStream<string>({
        start(controller) {
          signal?.addEventListener('abort', () => ((aborted = true), controller.error(domError('AbortError', 'Aborted.'))), { once: true });
        },
      }),
      addEventListener: () => {},
      removeEventListener: () => {},
      destroy: () => {},
    };
    const api: LanguageModelApi = { availability: async () => 'available', create: async () => silent };
    const got = await measureBuiltinSpeed({ engine: createBuiltinEngine({ languageModel: api }), timeoutMs: 50 });
    expect(got.verdict).toBe('failed');
    await expect.poll(() => aborted).toBe(true);
  });

  it("the caller's abort (the page closed) ends it at once with nothing known", async () => {
    const stop = new AbortController();
    const { engine, now, api } = timedFake(25, { onPiece: (i) => i === 3 && stop.abort() });
    const got = await measureBuiltinSpeed({ engine, now, signal: stop.signal });
    expect(got).toEqual({ verdict: 'aborted' });
    await expect.poll(() => api.sessions.every((s) => s.destroyed)).toBe(true);
  });

  it('a model Chrome refuses to start is not proposed, with its error', async () => {
    const api = createFakeLanguageModel({ availability: 'unavailable' });
    const got = await measureBuiltinSpeed({ engine: createBuiltinEngine({ languageModel: api }) });
    expect(got).toEqual({ verdict: 'failed', reason: expect.stringMatching(/^Chrome's built-in model could not answer here \(.*unavailable here.*\), so Hearth offers its own model\.$/s) });
  });
});

describe('words/s from the streamed pieces', () => {
  it('counts from the first piece to the last (the prompt is not the writing speed)', () => {
    expect(wordsPerSecOf([{ at: 5000, text: 'One' }, { at: 5500, text: ' two' }, { at: 6000, text: ' three' }], 0)).toBe(2);
  });
  it('one piece: the whole time since the prompt', () => {
    expect(wordsPerSecOf([{ at: 2000, text: 'A whole answer of six words' }], 0)).toBe(3);
    expect(wordsPerSecOf([], 0)).toBeNull();
  });
});
