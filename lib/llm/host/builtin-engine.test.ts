import { describe, expect, it } from 'vitest';
import { createBuiltinEngine, NOT_DOWNLOADED } from './builtin-engine';
import { BUILTIN_MODEL, BUILTIN_SESSION_OPTIONS } from '../builtin-ai';
import { ContextOverflowError, ModelLoadError } from '../../messaging/errors';
import type { GenerateRequest, LoadProgress } from '../../messaging/protocol';
import { createFakeLanguageModel, createFakeSummarizer } from '../../../testkit/fakes/fake-built-in-ai';

// Against a FAKE of Chrome's Prompt API written from its IDL and documentation (testkit/fakes/fake-built-in-ai.ts):
// Chrome's real model is not on this machine (Debian's Chromium 156 has LanguageModel, but it says 'unavailable').

const chat = (...turns: [string, string][]): GenerateRequest => ({
  input: { kind: 'chat', messages: turns.map(([role, content]) => ({ role: role as 'system' | 'user' | 'assistant', content })) },
  options: { temperature: 0, maxTokens: 100 },
});

async function loaded(options: Parameters<typeof createFakeLanguageModel>[0] = {}) {
  const api = createFakeLanguageModel(options);
  const engine = createBuiltinEngine({ languageModel: api });
  await engine.load(BUILTIN_MODEL, () => {});
  return { api, engine };
}

async function answer(engine: ReturnType<typeof createBuiltinEngine>, request: GenerateRequest, signal = new AbortController().signal) {
  let text = '';
  const stats = await engine.generate(request, (t) => (text += t), signal);
  return { text, stats };
}

describe('the built-in engine against the fake Prompt API: availability and download', () => {
  it('where the browser has no LanguageModel, loading fails with the reason', async () => {
    const engine = createBuiltinEngine({ languageModel: undefined });
    await expect(engine.load(BUILTIN_MODEL, () => {})).rejects.toThrow(/no built-in model/);
    expect(engine.loadedModelId).toBeNull();
  });

  it("'unavailable' says why and loads nothing", async () => {
    const api = createFakeLanguageModel({ availability: 'unavailable' });
    const engine = createBuiltinEngine({ languageModel: api });
    const err = await engine.load(BUILTIN_MODEL, () => {}).catch((e) => e);
    expect(err).toBeInstanceOf(ModelLoadError);
    expect(err.message).toMatch(/unavailable here/);
    expect(api.calls.map((c) => c.method)).toEqual(['availability']);
  });

  it("'downloadable' is never started from the host (it has no click): it says where to start it", async () => {
    const api = createFakeLanguageModel({ availability: 'downloadable', hasActivation: () => false });
    const engine = createBuiltinEngine({ languageModel: api });
    await expect(engine.load(BUILTIN_MODEL, () => {})).rejects.toThrow(NOT_DOWNLOADED);
    expect(api.calls.filter((c) => c.method === 'create')).toHaveLength(0);
  });

  it("'downloading' without a click: Chrome's NotAllowedError (the user-activation rule) becomes the same advice", async () => {
    const api = createFakeLanguageModel({ availability: 'downloading', hasActivation: () => false });
    const engine = createBuiltinEngine({ languageModel: api });
    await expect(engine.load(BUILTIN_MODEL, () => {})).rejects.toThrow(NOT_DOWNLOADED);
  });

  it("'downloading' where Chrome lets the session wait: the download's progress is reported, then it is ready", async () => {
    const api = createFakeLanguageModel({ availability: 'downloading', hasActivation: () => true });
    const engine = createBuiltinEngine({ languageModel: api });
    const seen: LoadProgress[] = [];
    await engine.load(BUILTIN_MODEL, (p) => seen.push(p));
    expect(seen.filter((p) => p.phase === 'download').map((p) => p.loadedBytes)).toEqual([0, 0.25, 0.5, 1]);
    expect(engine.loadedModelId).toBe(BUILTIN_MODEL.id);
  });

  it('asks availability() with exactly the options create() gets', async () => {
    const { api } = await loaded();
    const [avail, create] = api.calls;
    expect(avail!.options).toEqual(BUILTIN_SESSION_OPTIONS);
    expect(create!.options).toMatchObject(BUILTIN_SESSION_OPTIONS);
  });

  it('reports the context window Chrome gives', async () => {
    const { engine } = await loaded({ contextWindow: 6144 });
    expect(engine.loadedContextTokens).toBe(6144);
  });
});

describe('the built-in engine: answers', () => {
  it('streams the answer; the system prompt opens the session and earlier turns are its initial prompts', async () => {
    const { api, engine } = await loaded();
    const { text, stats } = await answer(engine, chat(['system', 'Be brief.'], ['user', 'hi'], ['assistant', 'hello'], ['user', 'name three colours']));
    expect(text).toBe('echo: name three colours');
    expect(stats.finishReason).toBe('stop');
    const session = api.sessions.at(-1)!;
    expect(session.options.initialPrompts).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'hello' },
    ]);
    // Greedy (temperature 0) is topK 1; extensions may set both.
    expect(session.options).toMatchObject({ temperature: 0, topK: 1 });
    // Usage: the opening turns were already read; the prompt's own tokens, then the answer's.
    expect(stats.reusedTokens).toBe(7);
    expect(stats.promptTokens).toBe(7 + 4);
    expect(stats.completionTokens).toBeGreaterThanOrEqual(4);
  });

  it("a chat's next question goes to the same session (Chrome reads only the new turn); another conversation gets its own", async () => {
    const { api, engine } = await loaded();
    const first = chat(['system', 'S'], ['user', 'one']);
    const { text } = await answer(engine, first);
    const sessionsBefore = api.sessions.length;
    await answer(engine, chat(['system', 'S'], ['user', 'one'], ['assistant', text], ['user', 'two']));
    expect(api.sessions.length).toBe(sessionsBefore);
    await answer(engine, chat(['system', 'S'], ['user', 'other']));
    expect(api.sessions.length).toBe(sessionsBefore + 1);
    expect(api.sessions[sessionsBefore - 1]!.destroyed).toBe(true);
  });

  it('Stop aborts the stream at once: the text so far stands, and the session is not reused', async () => {
    const stop = new AbortController();
    const { api, engine } = await loaded({ answer: () => 'one two three four five six', onPiece: (i) => i === 2 && stop.abort() });
    const { text, stats } = await answer(engine, chat(['user', 'count']), stop.signal);
    expect(text).toBe('one two');
    expect(stats.finishReason).toBe('aborted');
    await answer(engine, chat(['user', 'count'], ['assistant', text], ['user', 'again']));
    expect(api.sessions.filter((s) => s.destroyed).length).toBeGreaterThanOrEqual(1);
  });

  it('stops at maxTokens pieces (Chrome has no answer-length option) and says so', async () => {
    const { engine } = await loaded({ answer: () => 'a b c d e f g' });
    const { text, stats } = await answer(engine, { ...chat(['user', 'go']), options: { temperature: 0, maxTokens: 3 } });
    expect(text).toBe('a b c');
    expect(stats.finishReason).toBe('length');
  });

  it('a prompt larger than the context window is refused with ContextOverflowError before anything runs', async () => {
    const { engine } = await loaded({ contextWindow: 20 });
    const long = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ');
    await expect(answer(engine, chat(['user', long]))).rejects.toBeInstanceOf(ContextOverflowError);
  });

  it('initial prompts larger than the window (QuotaExceededError from create) are a ContextOverflowError', async () => {
    const { engine } = await loaded({ contextWindow: 20 });
    const long = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ');
    await expect(answer(engine, chat(['system', long], ['user', 'hi']))).rejects.toBeInstanceOf(ContextOverflowError);
  });

  it('after a quota overflow (Chrome dropped old turns) the session is not reused: its history is no longer the chat', async () => {
    const { api, engine } = await loaded({ contextWindow: 30, answer: () => 'x '.repeat(8) });
    const first = await answer(engine, chat(['system', 'S'], ['user', 'a b c d e f']));
    const second = chat(['system', 'S'], ['user', 'a b c d e f'], ['assistant', first.text], ['user', 'g h i j k l']);
    const sessions = api.sessions.length;
    await answer(engine, second);
    expect(api.sessions.length).toBe(sessions); // the second question went to the same session…
    expect(api.sessions.at(-1)!.destroyed).toBe(true); // …which Chrome shortened, so it is let go
  });

  it('counts tokens with the session (measureContextUsage) and frees everything on unload', async () => {
    const { api, engine } = await loaded();
    expect(await engine.countTokens!('three little words')).toBe(4);
    await answer(engine, chat(['user', 'hi']));
    await engine.unload();
    expect(engine.loadedModelId).toBeNull();
    expect(api.sessions.every((s) => s.destroyed)).toBe(true);
  });
});

describe("the built-in engine: one-step summaries through Chrome's Summarizer (a fake from its IDL)", () => {
  const summaryRequest = (text: string, language: string | null = 'English', format: 'paragraph' | 'bullets' = 'bullets'): GenerateRequest => ({
    ...chat(['system', 'Summarize.'], ['user', `<text>${text}</text>`]),
    summary: { text, length: 'medium', format, language },
  });

  async function withSummarizer(options: Parameters<typeof createFakeSummarizer>[0] = {}) {
    const api = createFakeLanguageModel();
    const summarizer = createFakeSummarizer(options);
    const engine = createBuiltinEngine({ languageModel: api, summarizer });
    await engine.load(BUILTIN_MODEL, () => {});
    return { api, summarizer, engine };
  }

  it('answers with the Summarizer in Hearth’s style (bullets → key-points), asked with the options it is created with', async () => {
    const { api, summarizer, engine } = await withSummarizer();
    const { text, stats } = await answer(engine, summaryRequest('the river rises in spring'));
    expect(text).toBe('key-points medium: the river rises');
    expect(stats).toMatchObject({ finishReason: 'stop', promptTokens: 5 });
    const [avail, create] = summarizer.calls;
    expect(create!.options).toMatchObject(avail!.options);
    expect(avail!.options).toMatchObject({ type: 'key-points', format: 'markdown', length: 'medium', outputLanguage: 'en' });
    expect(api.sessions.length).toBe(1); // only the base session: no prompt was sent
  });

  it('leaves it to the Prompt API where the Summarizer does not serve: another language, unknown language, over its quota, not downloaded', async () => {
    for (const [options, language] of [[{}, 'German'], [{}, null], [{ inputQuota: 3 }, 'English'], [{ availability: 'downloadable' as const }, 'English']] as const) {
      const { engine } = await withSummarizer(options);
      const { text } = await answer(engine, summaryRequest('the river rises in spring', language));
      expect(text).toBe('echo: <text>the river rises in spring</text>');
    }
  });

  it('Stop ends a Summarizer answer too', async () => {
    const { engine } = await withSummarizer();
    const stop = new AbortController();
    let text = '';
    const stats = await engine.generate(summaryRequest('one two three four'), (t) => {
      text += t;
      stop.abort();
    }, stop.signal);
    expect(stats.finishReason).toBe('aborted');
    expect(text).toBe('key-points medium:');
  });
});
