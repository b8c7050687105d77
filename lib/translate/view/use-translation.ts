import { useState } from 'preact/hooks';
import type { PanelDeps } from '../../page-panel/host-session';
import { usePanelSession } from '../../page-panel/view/use-panel-session';
import type { TranslateJob } from '../run-translation';
import { initialTranslateState, runTranslateSession, type TranslateApis, type TranslateState } from './translate-session';

/** One translation per (text, target): choosing another language stops the one under way and starts anew. */
export function useTranslation(job: Omit<TranslateJob, 'to'> | null, initialTarget: string, deps: PanelDeps, apis: TranslateApis) {
  const [to, setTo] = useState(initialTarget);
  const session = usePanelSession<TranslateState>(
    job && ((update, signal) => runTranslateSession({ ...job, to }, deps, apis, update, signal)),
    initialTranslateState,
    [job, to],
    { ended: ['done', 'stopped', 'error', 'same-language'] },
  );
  return { ...session, to, setTo };
}
