import { useState } from 'preact/hooks';
import type { ModelSpec, ModelState } from '../../messaging/protocol';
import { formatBytes } from '../../ui-kit/format';

interface Props {
  model: ModelSpec;
  state: ModelState | undefined;
  /** The user pressed Send before the model was here: say why nothing was sent. */
  nudged: boolean;
  download(model: ModelSpec): Promise<unknown>;
  onChanged(): void;
  /** Chrome's built-in model, when Chrome has it here: offered first, since it needs no download at all. */
  builtin?: { label: string; use(): void } | null;
}

/**
 * The chat's "download a model" step. Its download shows its progress and its errors here, where the user clicked
 * (the same download is listed in Models too); Send never starts it.
 */
export function FirstRunOffer({ model, state, nudged, download, onChanged, builtin }: Props) {
  const [refused, setRefused] = useState<string | null>(null);
  const d = state?.download;
  const size = model.sizeBytes ? formatBytes(model.sizeBytes) : null;
  const start = () => {
    setRefused(null);
    download(model).then(onChanged, (e: Error) => {
      setRefused(e.message);
      onChanged();
    });
  };
  const failure = refused ?? (d?.state === 'failed' ? d.error?.message ?? 'The download failed.' : null);
  return (
    <div class="first-run" role="region" aria-label="Download a model" data-testid="first-run">
      <p>
        To start, Hearth needs a model on this device: {model.label}
        {size ? `, a one-time ${size} download` : ''}. After that it works offline.
      </p>
      {builtin && d?.state !== 'running' && (
        <p data-testid="first-run-builtin">
          Or start now with {builtin.label}: no download, it runs on this device.{' '}
          <button type="button" onClick={builtin.use}>Use Chrome's built-in model</button>
        </p>
      )}
      {nudged && d?.state !== 'running' && (
        <p class="notice" role="status" data-testid="first-run-nudge">Download the model first — your message stays in the box.</p>
      )}
      {d?.state === 'running' ? (
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
          <button type="button" class="primary" onClick={start}>
            {failure ? 'Try the download again' : `Download ${model.label}${size ? ` (${size})` : ''}`}
          </button>
        </>
      )}
    </div>
  );
}
