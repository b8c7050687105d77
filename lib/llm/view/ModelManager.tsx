import { useEffect, useRef, useState } from 'preact/hooks';
import type { BackendChoice, ModelSpec, ModelState } from '../../messaging/protocol';
import { createCustomGgufModel, whyModelCannotRun } from '../models';
import { contextInWords, formatBytes } from '../../ui-kit/format';
import type { HearthClient } from './hearth-client';
import { ModelSpeed, useModelSpeeds } from './ModelSpeed';
import { recommendModel } from '../recommend';
import { ModelSource } from './ModelSource';
import { BuiltinModelCard } from './BuiltinModelCard';
import type { BuiltinView } from './use-builtin';
import { DownloadCheckNotice, useDownloadFlow } from './DownloadCheck';

interface Props {
  client: HearthClient;
  models: ModelSpec[];
  states: Record<string, ModelState>;
  storage: { usage: number; quota: number } | null;
  backend: BackendChoice | null;
  selectedId: string | null;
  /** Chrome's built-in model, as this page sees it (use-builtin.ts). */
  builtin: BuiltinView;
  onChoose(model: ModelSpec): void;
  onChanged(): void;
}

/** Curated and added models: size, memory, cached or not, can this device run it; download, cancel, delete. */
export function ModelManager({ client, models, states, storage, backend, selectedId, builtin, onChoose, onChanged }: Props) {
  const [url, setUrl] = useState('');
  const speeds = useModelSpeeds(client);
  const [error, setError] = useState<string | null>(null);
  // An address refused when added is said beside its box, where the user typed it.
  const [addError, setAddError] = useState<string | null>(null);
  const act = (p: Promise<unknown>) =>
    p.then(onChanged, (e: Error) => {
      setError(e.message);
      onChanged();
    });

  // Every Download here goes through the re-check (lib/llm/download-flow.ts): the user pressed it on this very model,
  // so only a model too slow here is questioned. One check at a time: the others wait while it runs.
  const [flowState, flow] = useDownloadFlow({
    recheck: (m) => client.recheckDownload(m, true),
    download: (m) => client.download(m).finally(onChanged),
    downloadSuggested: (m) => client.download(m).finally(onChanged),
  });
  const flowError = flowState.phase === 'failed' ? flowState.error : null;
  const [checking, setChecking] = useState(false);
  const [confirming, setConfirming] = useState<string | null>(null);
  const recommended = backend ? recommendModel(models, backend, speeds) : null;
  // A download that starts scrolls its row into view, so its progress and Cancel are on screen.
  const list = useRef<HTMLUListElement>(null);
  const running = models.filter((m) => states[m.id]?.download?.state === 'running').map((m) => m.id).join(' ');
  const seen = useRef('');
  useEffect(() => {
    const started = running.split(' ').find((id) => id && !seen.current.split(' ').includes(id));
    seen.current = running;
    if (started) list.current?.querySelector(`[data-testid="model-${CSS.escape(started)}"] .download`)?.scrollIntoView({ block: 'nearest' });
  }, [running]);
  async function add() {
    setAddError(null);
    setChecking(true);
    try {
      onChoose(await client.inspectModel(createCustomGgufModel(url)));
      setUrl('');
    } catch (e) {
      setAddError((e as Error).message); // the address stays in the box, to be fixed
    } finally {
      setChecking(false);
    }
  }

  return (
    <section class="models" aria-label="Models">
      {storage && (
        <p class="muted" data-testid="storage">
          Storage used: {formatBytes(storage.usage)} of {formatBytes(storage.quota)} available to Hearth
        </p>
      )}
      {(error ?? flowError) && <p class="error" role="alert">{error ?? flowError}</p>}
      <ul ref={list}>
        <BuiltinModelCard builtin={builtin} selectedId={selectedId} onChoose={onChoose} />
        {/* Models this device can run first; the rest stay listed with the reason. */}
        {[...models].sort((a, b) => Number(!!backend && !!whyModelCannotRun(a, backend)) - Number(!!backend && !!whyModelCannotRun(b, backend))).map((m) => {
          const s = states[m.id];
          const blocked = backend ? whyModelCannotRun(m, backend) : null;
          const d = s?.download;
          const pct = d && d.totalBytes > 0 ? Math.floor((100 * d.loadedBytes) / d.totalBytes) : null;
          return (
            <li key={m.id} data-testid={`model-${m.id}`} data-cached={String(s?.cached ?? '')} class={m.id === selectedId ? 'current' : ''}>
              <div class="row">
                <strong>{m.label}</strong>
                {m.id === selectedId && <span class="badge active" data-testid="active-badge">In use</span>}
                {m.id === recommended?.modelId && <span class="badge" data-testid="recommended-badge" title={recommended.why}>Recommended</span>}
                <span class="muted">
                  {m.sizeBytes ? formatBytes(m.sizeBytes) : s?.sizeOnDiskBytes ? formatBytes(s.sizeOnDiskBytes) : 'size unknown'}
                  {m.memoryMb ? ` · needs ~${m.memoryMb} MB memory` : ''}
                  <span title={`${m.contextTokens.toLocaleString('en')}-token context`}>{` · ${contextInWords(m.contextTokens)}`}</span>
                  {s?.cached === true ? ' · on this device' : ''}
                </span>
              </div>
              {m.id === recommended?.modelId && <p class="muted" data-testid="recommended-why">Recommended for this device: {recommended.why}</p>}
              {m.custom && <ModelSource url={m.source} />}
              {blocked ? <p class="muted">{blocked}</p> : <ModelSpeed model={m} speeds={speeds} />}
              {d?.state === 'running' && (
                <div class="download" role="status">
                  <progress max={d.totalBytes || 1} value={d.loadedBytes} aria-label={`Downloading ${m.label}`} />
                  <span data-testid={`download-progress-${m.id}`}>
                    {formatBytes(d.loadedBytes)} of {d.totalBytes ? formatBytes(d.totalBytes) : '?'}
                    {pct !== null ? ` · ${pct}%` : ''} · {formatBytes(d.bytesPerSec)}/s
                  </span>
                </div>
              )}
              {d?.state === 'failed' && <p class="error">{d.error?.message} </p>}
              {'model' in flowState && flowState.model.id === m.id && <DownloadCheckNotice state={flowState} flow={flow} />}
              {d?.state === 'cancelled' && <p class="muted">Download cancelled.</p>}
              <div class="row actions">
                {m.id !== selectedId && !blocked && (
                  <button type="button" class="small" onClick={() => onChoose(m)}>
                    Use
                  </button>
                )}
                {d?.state === 'running' ? (
                  <button type="button" class="small" onClick={() => act(client.cancelDownload(m))}>
                    Cancel
                  </button>
                ) : s?.cached === true && confirming === m.id ? (
                  <span class="confirm" role="group" aria-label={`Delete ${m.label}?`}>
                    <span>Delete {s.sizeOnDiskBytes ? formatBytes(s.sizeOnDiskBytes) : 'it'} from this device? Using it again means downloading it again.</span>
                    <button type="button" class="small stop" onClick={() => { setConfirming(null); act(client.deleteModel(m)); }}>Delete</button>
                    <button type="button" class="small" onClick={() => setConfirming(null)}>Keep</button>
                  </span>
                ) : s?.cached === true ? (
                  <button type="button" class="small" onClick={() => setConfirming(m.id)}>
                    Delete…
                  </button>
                ) : (
                  !blocked && !(flowState.phase === 'suggest' && flowState.model.id === m.id) && (
                    <button type="button" class="small" onClick={() => void flow.start(m)} disabled={flow.busy()}>
                      {d?.state === 'failed' ? 'Retry download' : 'Download'}
                    </button>
                  )
                )}
              </div>
            </li>
          );
        })}
      </ul>
      {addError && <p class="error" role="alert" data-testid="add-error">{addError}</p>}
      <div class="row">
        <input
          id="model-url"
          type="url"
          placeholder="Add a GGUF model by URL"
          aria-label="GGUF model URL"
          value={url}
          onInput={(e) => setUrl(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Enter' && !checking && void add()}
        />
        <button type="button" onClick={() => void add()} disabled={checking}>
          {checking ? 'Checking…' : 'Add'}
        </button>
      </div>
    </section>
  );
}
