import { useEffect, useMemo, useState } from 'preact/hooks';
import type { WriteAction } from '../../messaging/protocol';
import type { Placement } from '../../page-panel/page/placement';
import type { PanelDeps } from '../../page-panel/host-session';
import { PanelFrame } from '../../page-panel/view/PanelFrame';
import { ModelNeeded } from '../../summarize/view/ModelNeeded';
import type { ApplyResult } from '../page/field-edit';
import type { WriteJob } from '../run-write';
import { actionLabel } from '../prompt';
import { diffWords, type DiffOp } from '../word-diff';
import { DiffView } from './DiffView';
import { useWrite } from './use-write';
import { writeStatusText } from './status';

/** The field, as the panel may use it: nothing of the page's DOM beyond these. */
export interface PanelField {
  stillSame(): boolean;
  apply(suggestion: string): ApplyResult;
  watch(cb: () => void): () => void;
}

export interface WritePanelProps {
  action: WriteAction;
  job: WriteJob | null;
  field: PanelField | null;
  /** Why Hearth will not work on this field (password, read-only, nothing there…): shown instead of a suggestion. */
  refusal: string | null;
  placement: Placement;
  deps: PanelDeps;
  copy(text: string): Promise<void>;
  /** `applied`: the field has the suggestion and the focus (so the panel does not move focus back). */
  onClose(applied?: boolean): void;
  theme?: 'light' | 'dark' | null;
}

interface ControlsProps {
  running: boolean;
  canApply: boolean;
  canCopy: boolean;
  copied: boolean;
  onStop(): void;
  onApply(): void;
  onCopy(): void;
  onAgain(): void;
}

/** Stop while the model writes; then Apply (only a whole suggestion for an unchanged field), Copy and Try again. */
function WriteControls({ running, canApply, canCopy, copied, onStop, onApply, onCopy, onAgain }: ControlsProps) {
  if (running) {
    return (
      <div class="hearth-controls">
        <button type="button" data-testid="stop" onClick={onStop}>Stop</button>
      </div>
    );
  }
  return (
    <>
      <div class="hearth-controls">
        <button type="button" class="hearth-apply" data-testid="apply" disabled={!canApply} onClick={onApply}>Apply</button>
        <button type="button" data-testid="copy" disabled={!canCopy} onClick={onCopy}>{copied ? 'Copied' : 'Copy'}</button>
        <button type="button" data-testid="again" onClick={onAgain}>Try again</button>
      </div>
      {canApply && <p class="hearth-hint">Apply replaces the text in the field; Ctrl+Z there undoes it.</p>}
    </>
  );
}

/** Changes as the diff shows them: a deletion and the insertion after it are one. */
const changeCount = (ops: DiffOp[]) => ops.filter((o, k) => o.op !== 'same' && !(o.op === 'ins' && ops[k - 1]?.op === 'del')).length;

const CHANGED_NOW = 'The text in the field changed since Hearth read it, so this suggestion no longer fits it; Apply is off. Use “Try again” for the text as it is now.';

/** Writing help's in-page panel (in a closed shadow root): streams the suggestion, then shows it as a diff to apply. */
export function WritePanel({ action, job, field, refusal, placement, deps, copy, onClose, theme }: WritePanelProps) {
  const { state, running, stop, again } = useWrite(refusal ? null : job, deps);
  const [changed, setChanged] = useState(false);
  const [applyError, setApplyError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  // Told at once when the user or the page edits the field; checked again when the suggestion is done and on Apply
  // (a script can set a field's value without any event).
  useEffect(() => field?.watch(() => setChanged(!field.stillSame())), [field]);
  useEffect(() => {
    if (state.phase === 'done' && field) setChanged(!field.stillSame());
  }, [state.phase]);
  const done = state.phase === 'done';
  const ops = useMemo(() => (done && job ? diffWords(job.text, state.suggestion) : null), [done, job, state.suggestion]);
  const unchanged = !!ops && ops.every((o) => o.op === 'same');

  function apply() {
    if (!field) return;
    const result = field.apply(state.suggestion);
    if (result.ok) return onClose(true);
    setChanged(!field.stillSame());
    setApplyError(result.reason);
  }
  const retry = () => {
    setApplyError(null);
    setCopied(false);
    setChanged(false);
    again();
  };

  return (
    <PanelFrame title={`Hearth · ${actionLabel(action)}`} placement={placement} theme={theme} recordIds={state.stats.map((s) => s.recordId ?? '').join(' ')} refusal={refusal}
      onClose={() => onClose()}>
      <p class="hearth-status" role="status" data-testid="status" data-phase={state.phase}>{writeStatusText(state, ops && action.kind !== 'translate' ? { count: changeCount(ops), explained: action.kind === 'proofread' } : undefined)}</p>
      {state.phase === 'needs-model' && state.needsModel && <ModelNeeded model={state.needsModel} runtime={deps.runtime} onReady={retry} />}
      {state.error && <p class="hearth-error" role="alert" data-testid="error">{state.error}</p>}
      {/* A translation changes every word: the diff would be all struck through, so it shows as written. */}
      {ops && action.kind !== 'translate' ? (
        unchanged ? <p class="hearth-hint" data-testid="no-changes">No changes suggested: the text reads well as it is.</p> : <DiffView ops={ops} explain={action.kind === 'proofread'} />
      ) : (
        <p class="hearth-suggestion" data-testid="suggestion">{state.suggestion}</p>
      )}
      {changed && <p class="hearth-error" role="alert" data-testid="changed">{CHANGED_NOW}</p>}
      {applyError && !changed && <p class="hearth-error" role="alert" data-testid="apply-error">{applyError}</p>}
      <WriteControls
        running={running}
        canApply={done && !changed && !unchanged && !!state.suggestion}
        canCopy={!!state.suggestion}
        copied={copied}
        onStop={stop}
        onApply={apply}
        onCopy={() => copy(state.suggestion.trim()).then(() => setCopied(true), () => setCopied(false))}
        onAgain={retry}
      />
    </PanelFrame>
  );
}
