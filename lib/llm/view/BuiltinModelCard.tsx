import { BUILTIN_DESCRIPTION, BUILTIN_MODEL, whyBuiltinUnusable } from '../builtin-ai';
import type { ModelSpec } from '../../messaging/protocol';
import type { BuiltinView } from './use-builtin';

interface Props {
  builtin: BuiltinView;
  selectedId: string | null;
  onChoose(model: ModelSpec): void;
}

/**
 * Chrome's built-in model in Models, as Chrome reports it: a choice when it is on this device, its download (Chrome's,
 * started by the click) when it can come, and the reason when it cannot. Hearth's own models are unaffected.
 */
export function BuiltinModelCard({ builtin, selectedId, onChoose }: Props) {
  const { state, progress, error } = builtin;
  const inUse = selectedId === BUILTIN_MODEL.id;
  const reason = state === 'checking' ? null : whyBuiltinUnusable(state);
  return (
    <li data-testid="builtin-model" data-state={state} class={inUse ? 'current' : ''}>
      <div class="row">
        <strong>{BUILTIN_MODEL.label}</strong>
        {inUse && <span class="badge active">In use</span>}
      </div>
      {state === 'checking' && <p class="muted">Asking Chrome whether its model is here…</p>}
      {state === 'available' && <p class="muted" data-testid="builtin-description">{BUILTIN_DESCRIPTION}</p>}
      {(state === 'downloadable' || state === 'downloading') && (
        <p class="muted">Chrome can download its own model (Gemini Nano, a few GB, stored by Chrome, not by Hearth). It then runs on this device with no download by Hearth.</p>
      )}
      {state === 'downloading' && (
        <div class="download" role="status">
          <progress max={1} value={progress ?? undefined} aria-label="Chrome is downloading its model" />
          <span data-testid="builtin-progress">{progress === null ? 'Chrome is downloading its model…' : `${Math.floor(progress * 100)}%`}</span>
        </div>
      )}
      {reason && <p class="muted" data-testid="builtin-reason">{reason}</p>}
      {error && <p class="error" role="alert">{error}</p>}
      <div class="row actions">
        {state === 'available' && !inUse && <button type="button" class="small" data-testid="builtin-use" onClick={() => onChoose(BUILTIN_MODEL)}>Use</button>}
        {state === 'downloading' && progress === null && <button type="button" class="small" data-testid="builtin-follow" onClick={builtin.download}>Show progress</button>}
        {state === 'downloadable' && <button type="button" class="small" data-testid="builtin-download" onClick={builtin.download}>Download Chrome's model</button>}
      </div>
    </li>
  );
}
