import type { PanelDeps } from '../../page-panel/host-session';
import { usePanelSession } from '../../page-panel/view/use-panel-session';
import type { WriteJob } from '../run-write';
import { initialWriteState, runWriteSession, type WriteState } from './write-session';

/** A "Try again" answer samples (a greedy one would be the same as the first). */
const AGAIN_TEMPERATURE = 0.7;

/** One suggestion per attempt: `again` asks anew (after an error, a stop, or for another wording). Null job: idle. */
export function useWrite(job: WriteJob | null, deps: PanelDeps) {
  return usePanelSession<WriteState>(
    job && ((update, signal, attempt) => runWriteSession(attempt ? { ...job, temperature: AGAIN_TEMPERATURE } : job, deps, update, signal)),
    initialWriteState,
    [job],
    { ended: ['done', 'stopped', 'error', 'needs-model'] },
  );
}
