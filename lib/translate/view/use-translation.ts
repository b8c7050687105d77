import { useEffect, useRef, useState } from 'preact/hooks';
import type { SessionDeps } from '../../summarize/view/summary-session';
import type { TranslateJob } from '../run-translation';
import { initialTranslateState, runTranslateSession, type TranslateApis, type TranslateState } from './translate-session';

/** One translation per (text, target): choosing another language stops the one under way and starts anew. */
export function useTranslation(job: Omit<TranslateJob, 'to'> | null, initialTarget: string, deps: SessionDeps, apis: TranslateApis) {
  const [to, setTo] = useState(initialTarget);
  const [state, setState] = useState<TranslateState>(initialTranslateState);
  const controller = useRef<AbortController | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!job) return;
    const ctl = new AbortController();
    controller.current = ctl;
    setState(initialTranslateState);
    const update = (patch: Partial<TranslateState>) => {
      if (controller.current === ctl) setState((s) => ({ ...s, ...patch }));
    };
    void runTranslateSession({ ...job, to }, deps, apis, update, ctl.signal);
    return () => ctl.abort();
  }, [job, to, attempt]);

  const running = !['done', 'stopped', 'error', 'same-language'].includes(state.phase);
  return { state, to, setTo, running, stop: () => controller.current?.abort(), again: () => setAttempt((a) => a + 1) };
}
