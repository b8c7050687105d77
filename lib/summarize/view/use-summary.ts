import { useState } from 'preact/hooks';
import type { SummaryJob } from '../run-summary';
import type { SummaryStyle } from '../prompt';
import { usePanelSession } from '../../page-panel/view/use-panel-session';
import { applySummaryPatch, initialSummaryState, runSummarySession, type SessionDeps, type SummaryState } from './summary-session';

/**
 * One summary run per (text, style): changing the length or format stops the run under way and starts anew;
 * `again` runs it once more (after an error or a stop).
 * `job` is null when the input was refused; the hook then stays idle.
 */
export function useSummary(job: Omit<SummaryJob, 'style'> | null, deps: SessionDeps) {
  const [style, setStyle] = useState<SummaryStyle>({ length: 'medium', format: 'paragraph' });
  const session = usePanelSession<SummaryState>(
    job && ((update, signal) => runSummarySession({ ...job, style }, deps, update, signal)),
    initialSummaryState,
    [job, style.length, style.format],
    { ended: ['done', 'stopped', 'error', 'needs-model'], apply: applySummaryPatch },
  );
  return { ...session, style, setStyle };
}
