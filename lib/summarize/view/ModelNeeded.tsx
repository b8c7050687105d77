import { useEffect, useState } from 'preact/hooks';
import type { ModelSpec, ModelState } from '../../messaging/protocol';
import { sendCommand } from '../../messaging/commands';
import { formatBytes } from '../../ui-kit/format';
import type { SessionDeps } from './summary-session';
import { DownloadCheckNotice, useDownloadFlow } from '../../llm/view/DownloadCheck';

const POLL_MS = 400;

/**
 * The summary's way forward when the chosen model is not on this device yet: its one-time download, started here by
 * the user's click (never by the summary itself), with its progress and errors; once it is stored, `onReady` runs the
 * summary. The host only downloads the model chosen in Hearth (llm.downloadChosen names none). The press goes
 * through the same re-check as every Download button (lib/llm/download-flow.ts; the host judges the chosen model:
 * llm.recheckChosen); a panel cannot choose another model, so a suggestion says where to choose it.
 */
export function ModelNeeded({ model, runtime, onReady }: { model: ModelSpec; runtime: SessionDeps['runtime']; onReady(): void }) {
  const [state, setState] = useState<ModelState | null>(null);
  const [pollError, setPollError] = useState<string | null>(null);
  const [polling, setPolling] = useState(false);
  const size = model.sizeBytes ? formatBytes(model.sizeBytes) : null;

  useEffect(() => {
    if (!polling) return;
    let stop = false;
    const tick = async () => {
      const now = await sendCommand(runtime, 'host', 'llm.chosenModel', undefined).catch((e: Error) => (setPollError(e.message), null));
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

  const [flowState, flow] = useDownloadFlow({
    recheck: () => sendCommand(runtime, 'host', 'llm.recheckChosen', undefined),
    download: () => sendCommand(runtime, 'host', 'llm.downloadChosen', undefined).then((s) => {
      setState(s);
      setPolling(true);
    }),
  });
  function start() {
    setPollError(null);
    void flow.start(model);
  }

  const d = state?.download;
  const refused = flowState.phase === 'failed' ? flowState.error : pollError;
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
          {flowState.phase !== 'suggest' && (
            <button type="button" data-testid="download-model" onClick={start} disabled={flow.busy()}>
              {failure ? 'Try the download again' : `Download ${model.label}${size ? ` (${size})` : ''}`}
            </button>
          )}
        </>
      )}
      <DownloadCheckNotice state={flowState} flow={flow} statusClass="hearth-status" />
    </div>
  );
}
