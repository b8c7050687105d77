import { useEffect, useRef, useState } from 'preact/hooks';
import type { SummaryJob } from '../run-summary';
import type { SummaryStyle } from '../prompt';
import { applySummaryPatch, initialSummaryState, runSummarySession, type SessionDeps, type SummaryState } from './summary-session';

/**
 * One summary run per (text, style): changing the length or format stops the run under way and starts anew;
 * `again` runs it once more (after an error or a stop).
 * `job` is null when the input was refused; the hook then stays idle.
 */
export function useSummary(job: Omit<SummaryJob, 'style'> | null, deps: SessionDeps) {
  const [style, setStyle] = useState<SummaryStyle>({ length: 'medium', format: 'paragraph' });
  const [state, setState] = useState<SummaryState>(initialSummaryState);
  const controller = useRef<AbortController | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!job) return;
    const ctl = new AbortController();
    controller.current = ctl;
    setState(initialSummaryState);
    const update = (patch: Partial<SummaryState>) => {
      if (controller.current === ctl) setState((s) => applySummaryPatch(s, patch));
    };
    void runSummarySession({ ...job, style }, deps, update, ctl.signal);
    return () => ctl.abort();
  }, [job, style.length, style.format, attempt]);

  const running = !['done', 'stopped', 'error', 'needs-model'].includes(state.phase);
  return { state, style, setStyle, running, stop: () => controller.current?.abort(), again: () => setAttempt((a) => a + 1) };
}
