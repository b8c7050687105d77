import { describe, expect, it } from 'vitest';
import { runTranslation, splitToTokens, type TranslateDeps, type TranslateRoute } from './run-translation';
import { createLanguageDetect, createTranslatorFor, pairNeedsDownload, downloadPair } from './builtin-translate';
import { buildTranslateMessages } from './prompt';
import { ContextOverflowError } from '../messaging/errors';
import type { GenerateRequest } from '../messaging/protocol';
import { createFakeLanguageDetector, createFakeTranslator } from '../../testkit/fakes/fake-built-in-translate';

// Chrome's Translator and LanguageDetector are FAKES here (testkit/fakes/fake-built-in-translate.ts, from their IDL):
// Debian's Chromium 156 has both, but its detector is 'unavailable' and its pairs 'downloadable' with nothing to fetch them.

function fakeModel(context = 2048, refuseOver = Infinity) {
  const requests: GenerateRequest[] = [];
  const model: TranslateDeps['model'] = {
    contextTokens: async () => context,
    async generate(request, onToken) {
      requests.push(request);
      const text = request.input.kind === 'chat' ? request.input.messages.at(-1)!.content : '';
      if (text.length > refuseOver) throw new ContextOverflowError('too long');
      for (const w of ['la', ' traduction']) onToken(w);
      return { promptTokens: 1, completionTokens: 2, timeToFirstTokenMs: 0, finishReason: 'stop' };
    },
  };
  return { model, requests };
}

async function run(text: string, deps: Partial<TranslateDeps> & { model: TranslateDeps['model'] }, declared: string | null = null, to = 'en') {
  const seen = { from: null as string | null, route: null as TranslateRoute | null, texts: [] as string[] };
  const outcome = await runTranslation({ text, to, declared }, { detect: async () => null, translatorFor: async () => null, ...deps }, {
    onSource: (from) => (seen.from = from),
    onRoute: (route) => (seen.route = route),
    onText: (t) => seen.texts.push(t),
  }, new AbortController().signal);
  return { outcome, seen };
}

describe('translation: which way it goes', () => {
  it("uses Chrome's translator where it has the detected pair on this device (the model is not asked)", async () => {
    const translator = createFakeTranslator({ 'de>en': 'available' });
    const { model, requests } = fakeModel();
    const { outcome, seen } = await run('Guten Morgen', { detect: createLanguageDetect(createFakeLanguageDetector([{ detectedLanguage: 'de', confidence: 0.9 }])), translatorFor: createTranslatorFor(translator), model });
    expect(seen).toMatchObject({ from: 'de', route: 'translator' });
    expect(outcome).toMatchObject({ kind: 'done', text: '[en] Guten Morgen' });
    expect(requests).toHaveLength(0);
    expect(translator.destroyed).toBe(1);
  });

  it('uses the loaded model, with its own prompt, where Chrome lacks the pair (or has no Translator at all)', async () => {
    const { model, requests } = fakeModel();
    const none = await run('Bonjour', { detect: createLanguageDetect(undefined), translatorFor: createTranslatorFor(undefined), model }, 'fr');
    expect(none.seen).toMatchObject({ from: 'fr', route: 'model' });
    expect(none.outcome).toMatchObject({ kind: 'done', text: 'la traduction' });
    expect((requests[0]!.input as { messages: unknown }).messages).toEqual(buildTranslateMessages('Bonjour', { to: 'en', from: 'fr' }));
    expect(requests[0]!.options?.temperature).toBe(0);
    const lacking = await run('Bonjour', { translatorFor: createTranslatorFor(createFakeTranslator({ 'fr>de': 'available' })), model }, 'fr');
    expect(lacking.seen.route).toBe('model');
  });

  it("never starts Chrome's download from the page: a downloadable pair goes to the model now, and is offered", async () => {
    const translator = createFakeTranslator({ 'fr>en': 'downloadable' });
    const { model } = fakeModel();
    const { seen } = await run('Bonjour', { translatorFor: createTranslatorFor(translator), model }, 'fr');
    expect(seen.route).toBe('model');
    expect(await pairNeedsDownload(translator, 'fr', 'en')).toBe(true);
    await expect(downloadPair(translator, 'fr', 'en', () => {})).rejects.toThrow(/user gesture/); // no click
  });

  it('a text already in the target language is not sent anywhere', async () => {
    const { model, requests } = fakeModel();
    const { outcome } = await run('Good morning', { detect: createLanguageDetect(createFakeLanguageDetector([{ detectedLanguage: 'en-US', confidence: 0.95 }])), model });
    expect(outcome).toEqual({ kind: 'same-language', from: 'en-US' });
    expect(requests).toHaveLength(0);
  });

  it("the detector's unsure or undetermined guess counts as unknown; then the page's matching lang is used", async () => {
    const unsure = createLanguageDetect(createFakeLanguageDetector([{ detectedLanguage: 'it', confidence: 0.2 }]));
    expect(await unsure('ciao')).toBeNull();
    expect(await createLanguageDetect(createFakeLanguageDetector([{ detectedLanguage: 'und', confidence: 0.9 }]))('…')).toBeNull();
    const { model } = fakeModel();
    const { seen } = await run('Hola', { detect: unsure, model }, 'es');
    expect(seen.from).toBe('es');
  });
});

describe('translation: long texts and refusals', () => {
  it("goes in parts sized to the model's context, each streamed after the parts before it", async () => {
    const { model, requests } = fakeModel(400);
    const text = Array.from({ length: 60 }, (_, i) => `Satz ${i} ist hier.`).join(' ');
    const { outcome, seen } = await run(text, { model }, 'de');
    expect(requests.length).toBeGreaterThan(1);
    expect(outcome).toMatchObject({ kind: 'done', parts: requests.length });
    expect(seen.texts.at(-1)).toBe(Array(requests.length).fill('la traduction').join('\n\n'));
  });

  it('a part the model refuses as too long is split smaller and translated again', async () => {
    const { model, requests } = fakeModel(2048, 400);
    const text = 'Ein Satz. '.repeat(80);
    const { outcome } = await run(text, { model }, 'de');
    expect(outcome.kind).toBe('done');
    expect(requests.some((r) => (r.input as { messages: { content: string }[] }).messages.at(-1)!.content.length > 400)).toBe(true);
  });

  it('splits by an upper bound of tokens (one per UTF-8 byte) when no tokenizer is at hand', () => {
    expect(splitToTokens('é'.repeat(100), 50).every((p) => new TextEncoder().encode(p).length <= 50)).toBe(true);
  });
});
