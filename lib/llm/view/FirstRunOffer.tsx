import { useEffect, useRef, useState } from 'preact/hooks';
import type { ModelSpec, ModelState } from '../../messaging/protocol';
import { formatBytes } from '../../ui-kit/format';
import { roundWords, type BuiltinSpeed } from '../builtin-speed';
import type { DownloadFlowDeps } from '../download-flow';
import { DownloadCheckNotice, useDownloadFlow } from './DownloadCheck';

/** Chrome's built-in model where Chrome says it is available: proposed first once it has measured usable here. */
export interface BuiltinOffer {
  label: string;
  use(): void;
  /** Time a short answer (lib/llm/view/builtin-speed-check.ts); aborted when the offer goes away. */
  check(signal: AbortSignal): Promise<BuiltinSpeed>;
}

interface Props {
  model: ModelSpec;
  state: ModelState | undefined;
  /** The user pressed Send before the model was here: say why nothing was sent. */
  nudged: boolean;
  /** The re-check and the download (lib/llm/download-flow.ts): the same path as every other Download button. */
  download: Omit<DownloadFlowDeps, 'onState'>;
  onChanged(): void;
  builtin?: BuiltinOffer | null;
}

type SpeedState = BuiltinSpeed | { verdict: 'checking' } | null;

/** The built-in model's measured speed, checked once while the offer shows. */
function useBuiltinSpeed(builtin: BuiltinOffer | null | undefined): SpeedState {
  const [speed, setSpeed] = useState<SpeedState>(builtin ? { verdict: 'checking' } : null);
  const check = useRef(builtin?.check);
  check.current = builtin?.check;
  useEffect(() => {
    if (!check.current) return setSpeed(null);
    const stop = new AbortController();
    setSpeed({ verdict: 'checking' });
    check.current(stop.signal).then(
      (r) => !stop.signal.aborted && setSpeed(r),
      (e: Error) => !stop.signal.aborted && setSpeed({ verdict: 'failed', reason: `Hearth could not time Chrome's built-in model here (${e.message}), so it offers its own model.` }),
    );
    return () => stop.abort();
  }, [!!builtin]);
  return speed;
}

/**
 * The chat's "download a model" step. Where Chrome's built-in model is available and answered fast enough here, it is
 * proposed first (no download at all); otherwise the download of Hearth's own, with a line saying why not the built-in
 * one. The download shows its progress and its errors here, where the user clicked (the same download is listed in
 * Models too); Send never starts it.
 */
export function FirstRunOffer({ model, state, nudged, download, onChanged, builtin }: Props) {
  const [flowState, flow] = useDownloadFlow({
    ...download,
    download: (m) => download.download(m).finally(onChanged),
    downloadSuggested: download.downloadSuggested && ((m) => download.downloadSuggested!(m).finally(onChanged)),
  });
  const speed = useBuiltinSpeed(builtin);
  const d = state?.download;
  const size = model.sizeBytes ? formatBytes(model.sizeBytes) : null;
  const refused = flowState.phase === 'failed' ? flowState.error : null;
  const failure = refused ?? (d?.state === 'failed' ? d.error?.message ?? 'The download failed.' : null);
  const idle = d?.state !== 'running';
  const proposed = builtin && idle && speed?.verdict === 'usable' ? { ...builtin, wordsPerSec: speed.wordsPerSec } : null;
  return (
    <div class="first-run" role="region" aria-label="Download a model" data-testid="first-run">
      {proposed ? (
        <>
          <p data-testid="first-run-builtin">
            Start now with {proposed.label}: no download, it runs on this device ({roundWords(proposed.wordsPerSec)} words/s here).
          </p>
          <button type="button" class="primary" data-testid="first-run-use-builtin" onClick={proposed.use}>Use Chrome's built-in model</button>
          <p>Or download Hearth's own model, {model.label}{size ? `, a one-time ${size} download` : ''}: it works offline, in any browser.</p>
        </>
      ) : (
        <p>
          To start, Hearth needs a model on this device: {model.label}
          {size ? `, a one-time ${size} download` : ''}. After that it works offline.
        </p>
      )}
      {builtin && idle && speed?.verdict === 'checking' && (
        <p class="notice" role="status" data-testid="first-run-builtin-checking">Chrome has a built-in model here: checking how fast it answers on this device…</p>
      )}
      {builtin && idle && (speed?.verdict === 'slow' || speed?.verdict === 'failed') && (
        <p data-testid="first-run-builtin-why">
          {speed.reason}{' '}
          <button type="button" class="small" onClick={builtin.use}>Use it anyway</button>
        </p>
      )}
      {nudged && idle && (
        <p class="notice" role="status" data-testid="first-run-nudge">Download the model first — your message stays in the box.</p>
      )}
      {!idle && d ? (
        <div class="download" role="status">
          <progress max={d.totalBytes || 1} value={d.loadedBytes} aria-label={`Downloading ${model.label}`} />
          <span data-testid="first-run-progress">
            Downloading: {formatBytes(d.loadedBytes)} of {d.totalBytes ? formatBytes(d.totalBytes) : '?'}
            {d.totalBytes ? ` · ${Math.floor((100 * d.loadedBytes) / d.totalBytes)}%` : ''}
          </span>
        </div>
      ) : (
        <>
          {failure && <p class="error" role="alert" data-testid="first-run-error">{failure}</p>}
          {flowState.phase !== 'suggest' && (
            <button type="button" class={proposed ? '' : 'primary'} onClick={() => void flow.start(model)} disabled={flow.busy()}>
              {failure ? 'Try the download again' : `Download ${model.label}${size ? ` (${size})` : ''}`}
            </button>
          )}
        </>
      )}
      <DownloadCheckNotice state={flowState} flow={flow} />
    </div>
  );
}
