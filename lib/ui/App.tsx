import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { HostStatus, LoadProgress, ModelSpec } from '../messaging/protocol';
import { createHearthClient } from './hearth-client';
import type { GenerationHandle } from '../messaging/stream-client';
import { ModelPicker } from './ModelPicker';
import { formatBytes } from './format';

/** Minimal chat: one prompt, one streamed answer, with the engine and model in view. */
export function App() {
  const client = useMemo(
    () => createHearthClient({ runtime: browser.runtime as never, storage: browser.storage.local }),
    [],
  );
  const [status, setStatus] = useState<HostStatus | null>(null);
  const [models, setModels] = useState<ModelSpec[]>([]);
  const [selected, setSelected] = useState<ModelSpec | null>(null);
  const [prompt, setPrompt] = useState('');
  const [temperature, setTemperature] = useState(0.7);
  const [answer, setAnswer] = useState('');
  const [progress, setProgress] = useState<LoadProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const handle = useRef<GenerationHandle | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    input.current?.focus();
    client
      .connect()
      .then((r) => {
        setStatus(r.status);
        setModels(r.models);
        setSelected(r.selected);
      })
      .catch((e: Error) => setError(e.message));
  }, [client]);

  async function choose(model: ModelSpec) {
    setError(null);
    try {
      setStatus(await client.select(model));
      setSelected(model);
      setModels(await client.models());
    } catch (e) {
      setError((e as Error).message);
    }
  }

  async function send() {
    if (busy) return;
    if (!prompt.trim()) {
      setError('Type a message first.');
      return;
    }
    setError(null);
    setNote(null);
    setAnswer('');
    setBusy(true);
    try {
      handle.current = await client.generate(
        { input: { kind: 'chat', messages: [{ role: 'user', content: prompt }] }, options: { temperature } },
        {
          onProgress: setProgress,
          onToken: (t) => {
            setProgress(null);
            setAnswer((a) => a + t);
          },
        },
      );
      const stats = await handle.current.done;
      if (stats.finishReason === 'aborted') setNote('Stopped.');
      else if (stats.decodeTokensPerSec) setNote(`${stats.completionTokens} tokens · ${stats.decodeTokensPerSec.toFixed(1)} tokens/s`);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
      setProgress(null);
      handle.current = null;
    }
  }

  return (
    <main class="app">
      <header>
        <h1>Hearth</h1>
        <p class="backend" data-testid="backend" data-engine={status?.backend.engine ?? ''}>
          {status ? status.backend.reason : 'Starting the model host…'}
        </p>
      </header>
      <ModelPicker models={models} selected={selected} backend={status?.backend ?? null} onChoose={choose} />
      <label for="prompt">Message</label>
      <textarea
        id="prompt"
        ref={input}
        value={prompt}
        rows={3}
        onInput={(e) => setPrompt(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            void send();
          }
        }}
      />
      <div class="row">
        <label>
          Temperature{' '}
          <input
            id="temperature"
            type="number"
            min={0}
            max={2}
            step={0.1}
            value={temperature}
            onInput={(e) => setTemperature(Number(e.currentTarget.value))}
          />
        </label>
        {busy ? (
          <button type="button" onClick={() => handle.current?.stop()}>Stop</button>
        ) : (
          <button type="button" class="primary" onClick={() => void send()}>Send</button>
        )}
      </div>
      {progress && (
        <p class="progress" role="status">
          {progress.phase === 'download'
            ? `Downloading the model: ${formatBytes(progress.loadedBytes)} of ${formatBytes(progress.totalBytes)}`
            : 'Loading the model…'}
          <progress max={progress.totalBytes || 1} value={progress.loadedBytes} />
        </p>
      )}
      {error && <p class="error" role="alert">{error}</p>}
      <output class="answer" data-testid="answer" aria-live="polite">{answer}</output>
      {note && <p class="note">{note}</p>}
    </main>
  );
}
