import type { BuiltinAvailability, LanguageModelCreateOptions } from '../../lib/llm/builtin-ai';
import { domError, download } from './fake-built-in-ai';

/**
 * FAKES of Chrome's Translator and LanguageDetector (the Translator and Language Detector APIs' IDL and Chrome's
 * documentation): availability() per language pair ('available', 'downloadable', …; 'unavailable' for pairs not
 * listed); create() for a pair that must download rejects with NotAllowedError without user activation, else reports
 * `downloadprogress` and makes it available; translate() answers "[to] text" (the fake "translation"), rejecting
 * with AbortError when its signal aborts; detect() answers the ranked guesses it was given.
 */
export function createFakeTranslator(pairs: Record<string, BuiltinAvailability>, opts: { hasActivation?: () => boolean; inputQuota?: number } = {}) {
  const key = (o: { sourceLanguage: string; targetLanguage: string }) => `${o.sourceLanguage}>${o.targetLanguage}`;
  const fake = {
    pairs,
    translated: [] as string[],
    destroyed: 0,
    async availability(o: { sourceLanguage: string; targetLanguage: string }): Promise<BuiltinAvailability> {
      return pairs[key(o)] ?? 'unavailable';
    },
    async create(o: { sourceLanguage: string; targetLanguage: string; monitor?: LanguageModelCreateOptions['monitor'] }) {
      const state = pairs[key(o)] ?? 'unavailable';
      if (state === 'unavailable') throw domError('NotSupportedError', 'This language pair is not supported.');
      if (state !== 'available') {
        if (!(opts.hasActivation?.() ?? false)) throw domError('NotAllowedError', 'Requires a user gesture to download the language pack.');
        await download(o.monitor);
        pairs[key(o)] = 'available';
      }
      return {
        inputQuota: opts.inputQuota ?? Infinity,
        async translate(text: string, { signal }: { signal?: AbortSignal } = {}) {
          await new Promise((r) => setTimeout(r, 0));
          if (signal?.aborted) throw domError('AbortError', 'Aborted.');
          fake.translated.push(text);
          return `[${o.targetLanguage}] ${text}`;
        },
        destroy: () => void fake.destroyed++,
      };
    },
  };
  return fake;
}

export function createFakeLanguageDetector(guesses: { detectedLanguage: string; confidence: number }[], availability: BuiltinAvailability = 'available') {
  return {
    async availability(): Promise<BuiltinAvailability> {
      return availability;
    },
    async create() {
      if (availability !== 'available') throw domError('NotAllowedError', 'Requires a user gesture to download the detector.');
      return { detect: async () => guesses, destroy: () => {} };
    },
  };
}
