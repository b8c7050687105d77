import { useMemo, useRef, useState } from 'preact/hooks';
import { formatBytes } from '../../ui-kit/format';
import { CHECKING_SPEED } from '../download-check';
import { createDownloadFlow, type DownloadFlow, type DownloadFlowDeps, type DownloadFlowState } from '../download-flow';

/** The download flow (lib/llm/download-flow.ts) for a view: its state to render, and the flow to press. */
export function useDownloadFlow(deps: Omit<DownloadFlowDeps, 'onState'>): [DownloadFlowState, DownloadFlow] {
  const [state, setState] = useState<DownloadFlowState>({ phase: 'idle' });
  // The deps change with every render (new closures); the flow keeps one state, so it reads the latest ones.
  const latest = useRef(deps);
  latest.current = deps;
  const flow = useMemo(() => createDownloadFlow({
    recheck: (m) => latest.current.recheck(m),
    download: (m) => latest.current.download(m),
    downloadSuggested: deps.downloadSuggested && ((m) => latest.current.downloadSuggested!(m)),
    onState: setState,
  }), [!!deps.downloadSuggested]);
  return [state, flow];
}

interface Props {
  state: DownloadFlowState;
  flow: DownloadFlow;
  /** Class of the status lines: 'notice' in Hearth's pages, 'hearth-status' in the in-page panels. */
  statusClass?: string;
}

/**
 * What every Download button shows after it is pressed, the same in Models, the chat's offer and the in-page panels:
 * "Checking this device's speed…", then the suggestion with both choices, or the note of a check that failed.
 */
export function DownloadCheckNotice({ state, flow, statusClass = 'notice' }: Props) {
  if (state.phase === 'checking') return <p class={statusClass} role="status" data-testid="download-checking">{CHECKING_SPEED}</p>;
  if ((state.phase === 'starting' || state.phase === 'started') && state.note) {
    return <p class={statusClass} role="status" data-testid="download-note">{state.note}</p>;
  }
  if (state.phase !== 'suggest') return null;
  const { suggestion, model } = state;
  const size = (bytes?: number) => (bytes ? ` (${formatBytes(bytes)})` : '');
  return (
    <div class="download-suggest" role="group" aria-label="A model that suits this device" data-testid="download-suggest">
      <p class={statusClass} role="status" data-testid="download-suggest-why">{state.message}</p>
      {state.canDownloadSuggested ? (
        <button type="button" class="small primary" data-testid="download-suggested" onClick={() => void flow.downloadSuggested()}>
          Download {suggestion.label}{size(suggestion.sizeBytes)}
        </button>
      ) : (
        <p class={statusClass}>To use {suggestion.label}, choose it in Hearth's Models (the Hearth icon in the toolbar).</p>
      )}
      <button type="button" class="small" data-testid="download-anyway" onClick={() => void flow.downloadAnyway()}>
        Download {model.label} anyway{size(model.sizeBytes)}
      </button>
    </div>
  );
}
