import { useEffect, useState } from 'preact/hooks';
import { BUILTIN_SESSION_OPTIONS, type BuiltinAvailability, type LanguageModelApi } from '../builtin-ai';

export type BuiltinState = BuiltinAvailability | 'absent' | 'checking';

export interface BuiltinView {
  state: BuiltinState;
  /** Chrome's download as a fraction (0…1) while it runs from this page. */
  progress: number | null;
  error: string | null;
  /** Start Chrome's download: call it straight from a click (Chrome asks for a user gesture when it must download). */
  download(): void;
}

/** The global `LanguageModel` of this page, where the browser has one (Chrome 138+ in extensions). */
export const pageLanguageModel = (): LanguageModelApi | undefined => (globalThis as { LanguageModel?: LanguageModelApi }).LanguageModel;

/**
 * Chrome's built-in model as this extension page sees it: availability() with the options the model host's
 * create() uses, and the download. The download runs here, not in the host: only a page the user clicks in has the
 * user activation Chrome asks for, and the model, once there, is Chrome's for every context.
 */
export function useBuiltinModel(api: LanguageModelApi | undefined = pageLanguageModel()): BuiltinView {
  const [state, setState] = useState<BuiltinState>(api ? 'checking' : 'absent');
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!api) return;
    let stop = false;
    api.availability(BUILTIN_SESSION_OPTIONS).then(
      (s) => !stop && setState(s),
      (e: Error) => !stop && (setState('unavailable'), setError(e.message)),
    );
    return () => void (stop = true);
  }, [api]);

  function download() {
    if (!api) return;
    setError(null);
    setProgress(0);
    setState('downloading');
    // No await before create(): the click's activation must still be there when Chrome checks it.
    api
      .create({ ...BUILTIN_SESSION_OPTIONS, monitor: (m) => m.addEventListener('downloadprogress', (e) => setProgress(e.loaded)) })
      .then(
        (session) => {
          session.destroy(); // the model stays; the host opens its own sessions
          setProgress(null);
          setState('available');
        },
        (e: Error) => {
          setProgress(null);
          setError(e.name === 'NotAllowedError' ? 'Chrome wants a click to start the download: click Download again.' : `Chrome could not download its model: ${e.message}`);
          void api.availability(BUILTIN_SESSION_OPTIONS).then(setState, () => setState('unavailable'));
        },
      );
  }

  return { state, progress, error, download };
}
