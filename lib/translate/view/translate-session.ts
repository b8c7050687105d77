import type { LoadProgress } from '../../messaging/protocol';
import { sendCommand } from '../../messaging/commands';
import { NoModelError } from '../../messaging/errors';
import { NO_MODEL_CHOSEN, recordedGenerate, type PanelDeps } from '../../page-panel/host-session';
import { runTranslation, type TranslateJob, type TranslateRoute } from '../run-translation';
import { createLanguageDetect, createTranslatorFor, type LanguageDetectorApi, type TranslatorApi } from '../builtin-translate';

export type TranslatePhase = 'starting' | 'queued' | 'loading' | 'translating' | 'done' | 'stopped' | 'error' | 'same-language';

export interface TranslateState {
  phase: TranslatePhase;
  text: string;
  from: string | null;
  detectedBy: 'detector' | 'page' | null;
  route: TranslateRoute | null;
  error: string | null;
  progress: LoadProgress | null;
  queuedBehind: number;
  /** The host's record of the last model step (tests read the prompt that reached the model by it). */
  recordId: string | null;
}

export const initialTranslateState: TranslateState = {
  phase: 'starting', text: '', from: null, detectedBy: null, route: null, error: null, progress: null, queuedBehind: 0, recordId: null,
};

export interface TranslateApis {
  translator?: TranslatorApi;
  detector?: LanguageDetectorApi;
}

/** The page's own Translator and LanguageDetector (Chrome 138+), where it has them. */
export const pageTranslateApis = (g: object = globalThis): TranslateApis => ({
  translator: (g as { Translator?: TranslatorApi }).Translator,
  detector: (g as { LanguageDetector?: LanguageDetectorApi }).LanguageDetector,
});

/**
 * One translation from the in-page panel: Chrome's translator runs right here, in the page's isolated world (the text
 * goes nowhere); the model path sends each part straight to Hearth's model host over its own generate port.
 */
export async function runTranslateSession(job: TranslateJob, deps: PanelDeps, apis: TranslateApis, update: (patch: Partial<TranslateState>) => void, signal: AbortSignal): Promise<void> {
  const { runtime } = deps;
  try {
    const outcome = await runTranslation(job, {
      detect: createLanguageDetect(apis.detector),
      translatorFor: createTranslatorFor(apis.translator),
      model: {
        async contextTokens() {
          await sendCommand(runtime, 'background', 'host.ensure', undefined);
          const chosen = await sendCommand(runtime, 'host', 'llm.chosenModel', undefined);
          if (!chosen.model) throw new NoModelError(NO_MODEL_CHOSEN);
          if (!chosen.model.custom && chosen.state?.cached === false) {
            throw new NoModelError(`Chrome has no translator for this pair here, and Hearth's model (${chosen.model.label}) is not on this device yet: open Hearth, download it in Models, then translate again.`);
          }
          return (await sendCommand(runtime, 'host', 'llm.status', undefined)).model?.contextTokens ?? chosen.model.contextTokens;
        },
        generate(request, onToken, stop) {
          const handle = recordedGenerate(runtime)(request, {
            onQueued: (position) => position > 0 && update({ phase: 'queued', queuedBehind: position }),
            onProgress: (progress) => update({ phase: 'loading', progress }),
            onReading: () => update({ phase: 'translating', progress: null, queuedBehind: 0 }),
            onToken: (t) => {
              update({ phase: 'translating', progress: null, queuedBehind: 0 });
              onToken(t);
            },
          });
          stop.addEventListener('abort', () => handle.stop(), { once: true });
          return handle.done.then((stats) => (update({ recordId: stats.recordId ?? null }), stats));
        },
      },
    }, {
      onSource: (from, detectedBy) => update({ from, detectedBy }),
      onRoute: (route) => update({ route, phase: 'translating' }),
      onText: (text) => update({ text }),
    }, signal);
    if (outcome.kind === 'same-language') update({ phase: 'same-language' });
    else update({ phase: outcome.kind === 'stopped' ? 'stopped' : 'done', text: outcome.text });
  } catch (err) {
    update({ phase: 'error', error: (err as Error).message });
  }
}
