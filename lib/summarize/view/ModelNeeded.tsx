import { useEffect, useState } from 'preact/hooks';
import type { ModelSpec, ModelState } from '../../messaging/protocol';
import { sendCommand } from '../../messaging/commands';
import { formatBytes } from '../../ui-kit/format';
import type { SessionDeps } from './summary-session';

const POLL_MS = 400;

/**
 * The summary's way forward when the chosen model is not on this device yet: its one-time download, started here by
 * the user's click (never by the summary itself), with its progress and errors; once it is stored, `onReady` runs the
 * summary. The host only downloads the model chosen in Hearth (llm.downloadChosen names none).
 */
export function ModelNeeded({ model, runtime, onReady }: { model: ModelSpec; runtime: SessionDeps['runtime']; onReady(): void }) {
  const [state, setState] = useState<ModelState | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [polling, setPolling] = useState(false);
  const size = model.sizeBytes ? formatBytes(model.sizeBytes) : null;

  useEffect(() => {
    if (!polling) return;
    let stop = false;
    const tick = async () => {
      const now = await sendCommand(runtime, 'host', 'llm.chosenModel', undefined).catch((e: Error) => (setRefused(e.message), null));
      if (stop) return;
      setState(now?.state ?? null);
      if (now?.state?.cached === true) return onReady();
      if (now?.state?.download?.state === 'running') setTimeout(() => void tick(), POLL_MS);
      else setPolling(false);
    };
    void tick();
    return () => {
      stop = true;
    };
  }, [polling]);

  function start() {
    setRefused(null);
    sendCommand(runtime, 'host', 'llm.downloadChosen', undefined).then(
      (s) => {
        setState(s);
        setPolling(true);
      },
      (e: Error) => setRefused(e.message),
    );
  }

  const d = state?.download;
  const failure = refused ?? (d?.state === 'failed' ? d.error?.message ?? 'The download failed.' : null);
  return (
    <div class="hearth-model-needed" data-testid="model-needed">
      <p class="hearth-status">
        {model.label} is {size ? `a one-time ${size} download` : 'downloaded once'}; after that Hearth works offline.
      </p>
      {d?.state === 'running' ? (
        <>
          <progress class="hearth-progress" value={d.loadedBytes} max={d.totalBytes || 1} aria-label={`Downloading ${model.label}`} />
          <p class="hearth-status" role="status" data-testid="model-progress">
            Downloading: {formatBytes(d.loadedBytes)} of {d.totalBytes ? formatBytes(d.totalBytes) : '?'}
          </p>
        </>
      ) : (
        <>
          {failure && <p class="hearth-error" role="alert" data-testid="model-error">{failure}</p>}
          <button type="button" data-testid="download-model" onClick={start}>
            {failure ? 'Try the download again' : `Download ${model.label}${size ? ` (${size})` : ''}`}
          </button>
        </>
      )}
    </div>
  );
}
