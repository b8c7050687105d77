import type { SummaryFormat, SummaryLength, SummaryStyle } from '../prompt';
import type { SessionDeps, SummaryState } from './summary-session';
import { ModelNeeded } from './ModelNeeded';
import type { ReadInfo } from '../read-info';
import { describeRead, statusText } from './status-text';

export interface SummaryViewProps {
  read: ReadInfo;
  /** The start of what was read, shown as text so the user can see it was the right part. */
  preview: string;
  state: SummaryState;
  style: SummaryStyle;
  running: boolean;
  onStyle(style: SummaryStyle): void;
  onStop(): void;
  /** Run the summary again, after an error or a stop. */
  onAgain(): void;
  onCopy(): void;
  copied: boolean;
  /** For the model's download, when it is not on this device yet. */
  runtime: SessionDeps['runtime'];
  /** "Ask a follow-up": the chat, asking about the summarized page, the summary as context. */
  onFollowUp?(): void;
  /** What became of the follow-up (opened, or where to find it). */
  followUpNote?: string | null;
}

/**
 * The body of a summary, the summary first (a 300 px panel cuts off what comes last): the streamed text, a
 * failure, the status, one compact row of controls, then what was read and the start of it.
 */
export function SummaryView({ read, preview, state, style, running, onStyle, onStop, onAgain, onCopy, copied, runtime, onFollowUp, followUpNote }: SummaryViewProps) {
  const pct = state.progress?.totalBytes ? state.progress.loadedBytes / state.progress.totalBytes : undefined;
  return (
    <>
      <div key="summary" class="hearth-output" data-testid="summary" aria-busy={running}>{state.summary}</div>
      {state.error && <p key="error" class="hearth-error" role="alert" data-testid="error">{state.error}</p>}
      {/* The status's data attributes say what was read (phase, parts, the last step's prompt tokens): for tests. */}
      {/* Part notes show life during a long read; after it (or a failure) they would pass for a summary. Keys keep
          each element its own node as others come and go (tests and screen readers hold on to the status). */}
      {running && state.notes && <p key="notes" class="hearth-notes" data-testid="notes">{state.notes}</p>}
      <p key="status" class="hearth-status" role="status" aria-live="polite" data-testid="status" data-phase={state.phase} data-parts={state.parts ?? ''}
        data-prompt-tokens={state.stats?.promptTokens ?? ''}>
        {statusText(state, read)}
      </p>
      {state.phase === 'needs-model' && state.needsModel && <ModelNeeded key="model-needed" model={state.needsModel} runtime={runtime} onReady={onAgain} />}
      {state.phase === 'loading' && <progress key="loading" class="hearth-progress" value={pct} max={1} aria-label="Model loading" />}
      {state.reading?.totalTokens ? <progress key="reading" class="hearth-progress" data-testid="reading" value={state.reading.doneTokens} max={state.reading.totalTokens} aria-label="Reading the text" /> : null}
      <div key="controls" class="hearth-controls">
        {/* Nothing to stop or copy before the model is here. */}
        {running && state.phase !== 'needs-model' && <button type="button" data-testid="stop" onClick={onStop}>Stop</button>}
        {(state.phase === 'error' || state.phase === 'stopped') && <button type="button" data-testid="again" onClick={onAgain}>Summarize again</button>}
        {onFollowUp && state.phase === 'done' && state.summary.trim() && <button type="button" data-testid="follow-up" onClick={onFollowUp}>Ask a follow-up</button>}
        {state.phase !== 'needs-model' && <button type="button" data-testid="copy" onClick={onCopy} disabled={!state.summary}>{copied ? 'Copied' : 'Copy'}</button>}
        <label>
          Length
          <select data-testid="length" value={style.length} onChange={(e) => onStyle({ ...style, length: e.currentTarget.value as SummaryLength })}>
            <option value="short">Short</option>
            <option value="medium">Medium</option>
            <option value="long">Long</option>
          </select>
        </label>
        <label>
          Format
          <select data-testid="format" value={style.format} onChange={(e) => onStyle({ ...style, format: e.currentTarget.value as SummaryFormat })}>
            <option value="paragraph">Paragraph</option>
            <option value="bullets">Bullets</option>
          </select>
        </label>
      </div>
      {followUpNote && <p key="follow-up" class="hearth-status" role="status" data-testid="follow-up-note">{followUpNote}</p>}
      <div key="source" class="hearth-source">
        <p class="hearth-read" data-testid="read">{describeRead(read)}</p>
        <p class="hearth-preview" data-testid="preview" title="The start of the text Hearth read">{preview}</p>
      </div>
    </>
  );
}
