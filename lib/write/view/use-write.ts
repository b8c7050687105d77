import { useEffect, useRef, useState } from 'preact/hooks';
import type { SessionDeps } from '../../summarize/view/summary-session';
import type { WriteJob } from '../run-write';
import { initialWriteState, runWriteSession, type WriteState } from './write-session';

/** A "Try again" answer samples (a greedy one would be the same as the first). */
const AGAIN_TEMPERATURE = 0.7;

/** One suggestion per attempt: `again` asks anew (after an error, a stop, or for another wording). Null job: idle. */
export function useWrite(job: WriteJob | null, deps: SessionDeps) {
  const [state, setState] = useState<WriteState>(initialWriteState);
  const [attempt, setAttempt] = useState(0);
  const controller = useRef<AbortController | null>(null);

  useEffect(() => {
    if (!job) return;
    const ctl = new AbortController();
    controller.current = ctl;
    setState(initialWriteState);
    const update = (patch: Partial<WriteState>) => {
      if (controller.current === ctl) setState((s) => ({ ...s, ...patch }));
    };
    void runWriteSession(attempt ? { ...job, temperature: AGAIN_TEMPERATURE } : job, deps, update, ctl.signal);
    return () => ctl.abort();
  }, [job, attempt]);

  const running = !['done', 'stopped', 'error', 'needs-model'].includes(state.phase);
  return { state, running, stop: () => controller.current?.abort(), again: () => setAttempt((a) => a + 1) };
}
