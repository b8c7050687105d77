import type { BuiltinAvailability, CreateMonitorLike } from '../llm/builtin-ai';
import type { PairTranslator } from './run-translation';

// Chrome's Translator and LanguageDetector APIs (Chrome 138+), as their published IDL gives them
// (webmachinelearning.github.io/translation-api); only what Hearth uses. Pure: the globals come in as parameters.

export interface TranslatorLike {
  translate(input: string, options?: { signal?: AbortSignal }): Promise<string>;
  readonly inputQuota?: number;
  destroy(): void;
}

export interface TranslatorApi {
  availability(options: { sourceLanguage: string; targetLanguage: string }): Promise<BuiltinAvailability>;
  create(options: { sourceLanguage: string; targetLanguage: string; signal?: AbortSignal; monitor?: (m: CreateMonitorLike) => void }): Promise<TranslatorLike>;
}

export interface LanguageDetectorApi {
  availability(options?: { expectedInputLanguages?: string[] }): Promise<BuiltinAvailability>;
  create(options?: { expectedInputLanguages?: string[]; signal?: AbortSignal }): Promise<{
    detect(input: string, options?: { signal?: AbortSignal }): Promise<{ detectedLanguage: string; confidence: number }[]>;
    destroy(): void;
  }>;
}

/** Below this the detector's first guess is no better than saying nothing. */
const MIN_CONFIDENCE = 0.5;
/** Parts sent to the Translator at once: small enough that a page shows its translation growing. */
const TRANSLATOR_PART_CHARS = 2000;

/**
 * The detector's best guess for a text, only where Chrome has the detector on this device now (it never starts a
 * download from here: the panel runs in the page, after a menu click that gives the page no user activation).
 */
export function createLanguageDetect(api: LanguageDetectorApi | undefined) {
  return async (text: string): Promise<string | null> => {
    if (!api || (await api.availability()) !== 'available') return null;
    const detector = await api.create();
    try {
      const [best] = await detector.detect(text.slice(0, 2000));
      return best && best.detectedLanguage !== 'und' && best.confidence >= MIN_CONFIDENCE ? best.detectedLanguage : null;
    } finally {
      detector.destroy();
    }
  };
}

/** Chrome's translator for a pair it has on this device now; null when it has no such pair or must download it. */
export function createTranslatorFor(api: TranslatorApi | undefined) {
  return async (from: string, to: string): Promise<PairTranslator | null> => {
    if (!api) return null;
    const pair = { sourceLanguage: from, targetLanguage: to };
    if ((await api.availability(pair)) !== 'available') return null;
    const translator = await api.create(pair);
    const quota = translator.inputQuota;
    return {
      maxChars: Math.max(200, Math.min(TRANSLATOR_PART_CHARS, Number.isFinite(quota) && quota ? quota : TRANSLATOR_PART_CHARS)),
      async translate(text, onPiece, signal) {
        onPiece(await translator.translate(text, { signal }));
      },
      destroy: () => translator.destroy(),
    };
  };
}

/** Can Chrome get this pair with a download (offered on a click in the panel)? */
export async function pairNeedsDownload(api: TranslatorApi | undefined, from: string | null, to: string): Promise<boolean> {
  if (!api || !from) return false;
  const state = await api.availability({ sourceLanguage: from, targetLanguage: to }).catch(() => 'unavailable' as const);
  return state === 'downloadable' || state === 'downloading';
}

/** Download the pair's language pack: only from a click (Chrome asks for user activation), with its progress. */
export async function downloadPair(api: TranslatorApi, from: string, to: string, onProgress: (fraction: number) => void): Promise<void> {
  const translator = await api.create({ sourceLanguage: from, targetLanguage: to, monitor: (m) => m.addEventListener('downloadprogress', (e) => onProgress(e.loaded)) });
  translator.destroy();
}
