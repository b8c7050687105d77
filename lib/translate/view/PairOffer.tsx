import { useEffect, useState } from 'preact/hooks';
import { downloadPair, pairNeedsDownload, type TranslatorApi } from '../builtin-translate';
import { languageName } from '../languages';

interface Props {
  api: TranslatorApi | undefined;
  from: string;
  to: string;
  locale: string;
  /** The pack is there: translate again, now with Chrome's translator. */
  onReady(): void;
}

/**
 * Where Chrome could translate this pair after downloading its language pack, the panel offers it. The download starts
 * only from this button's click: Chrome asks for user activation, and a menu click gives the page none.
 */
export function PairOffer({ api, from, to, locale, onReady }: Props) {
  const [offered, setOffered] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => void pairNeedsDownload(api, from, to).then(setOffered, () => setOffered(false)), [api, from, to]);
  if (!api || !offered) return null;
  const pair = `${languageName(from, locale)} → ${languageName(to, locale)}`;
  const start = () => {
    setError(null);
    setProgress(0);
    downloadPair(api, from, to, setProgress).then(onReady, (e: Error) => {
      setProgress(null);
      setError(e.message);
    });
  };
  return (
    <p class="hearth-status" data-testid="pair-offer">
      {progress === null ? (
        <button type="button" onClick={start}>Get Chrome's {pair} translator</button>
      ) : (
        <progress class="hearth-progress" value={progress} max={1} aria-label={`Chrome is downloading its ${pair} language pack`} />
      )}
      {error && <span class="hearth-error" role="alert">{error}</span>}
    </p>
  );
}
