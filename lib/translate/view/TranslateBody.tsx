import { useState } from 'preact/hooks';
import type { PanelDeps } from '../../page-panel/host-session';
import type { ReadInfo } from '../../summarize/read-info';
import { describeRead } from '../../summarize/view/status-text';
import type { TranslateJob } from '../run-translation';
import { baseLanguage, targetChoices } from '../languages';
import { useTranslation } from './use-translation';
import { translateStatus } from './translate-status';
import type { TranslateApis } from './translate-session';
import { PairOffer } from './PairOffer';

export interface TranslateBodyProps {
  job: Omit<TranslateJob, 'to'> | null;
  read: ReadInfo;
  preview: string;
  /** The user's language (the browser's): the first target, and the language names are shown in. */
  userLanguage: string;
  apis: TranslateApis;
  deps: PanelDeps;
  copy(text: string): Promise<void>;
}

/**
 * A translation under way and its controls: the in-page panel (TranslatePanel) and the side panel (where the page
 * cannot take one) show the same thing.
 */
export function TranslateBody({ job, read, preview, userLanguage, apis, deps, copy }: TranslateBodyProps) {
  // The language itself, not its region: Chrome's translator pairs and the Into list are by language ("en", not "en-US").
  const { state, to, setTo, running, stop, again } = useTranslation(job, baseLanguage(userLanguage), deps, apis);
  const [copied, setCopied] = useState(false);
  return (
    <>
      <div key="out" class="hearth-output" data-testid="translation" aria-busy={running}>{state.text}</div>
      {state.error && <p key="error" class="hearth-error" role="alert" data-testid="error">{state.error}</p>}
      <p key="status" class="hearth-status" role="status" aria-live="polite" data-testid="status" data-phase={state.phase} data-route={state.route ?? ''}
        data-from={state.from ?? ''} data-record-id={state.recordId ?? ''}>
        {translateStatus(state, to, userLanguage)}
      </p>
      {state.phase === 'loading' && <progress key="loading" class="hearth-progress" value={state.progress?.totalBytes ? state.progress.loadedBytes / state.progress.totalBytes : undefined} max={1} aria-label="Model loading" />}
      {state.route === 'model' && state.from && !running && <PairOffer key="pair" api={apis.translator} from={state.from} to={to} locale={userLanguage} onReady={again} />}
      <div key="controls" class="hearth-controls">
        {running && <button type="button" data-testid="stop" onClick={stop}>Stop</button>}
        {(state.phase === 'error' || state.phase === 'stopped') && <button type="button" data-testid="again" onClick={again}>Translate again</button>}
        <button type="button" data-testid="copy" onClick={() => copy(state.text.trim()).then(() => setCopied(true), () => setCopied(false))} disabled={!state.text}>{copied ? 'Copied' : 'Copy'}</button>
        <label>
          Into
          <select data-testid="target" value={to} onChange={(e) => { setCopied(false); setTo(e.currentTarget.value); }}>
            {targetChoices(userLanguage).map((l) => <option key={l.code} value={l.code}>{l.name}</option>)}
          </select>
        </label>
      </div>
      <div key="source" class="hearth-source">
        <p class="hearth-read" data-testid="read">{describeRead(read)}</p>
        <p class="hearth-preview" data-testid="preview" title="The start of the text Hearth read">{preview}</p>
      </div>
    </>
  );
}
