import { useEffect, useRef, useState } from 'preact/hooks';

/** One run of a panel's session: it reports by `update` until `signal` aborts; `attempt` counts "again" (0 first). */
export type StartSession<S> = (update: (patch: Partial<S>) => void, signal: AbortSignal, attempt: number) => Promise<void>;

export interface PanelSessionOptions<S> {
  /** The phases in which nothing runs any more (done, stopped, error…). */
  ended: readonly string[];
  /** How a patch applies (default: merged over the state). */
  apply?(state: S, patch: Partial<S>): S;
}

/**
 * The session every in-page panel runs: one run per `keys` (changing one stops the run under way and starts anew),
 * `again` runs it once more, `stop` aborts it. A late patch from a stopped run never reaches the state.
 * `start` null (the input was refused): the hook stays idle.
 */
export function usePanelSession<S extends { phase: string }>(start: StartSession<S> | null, initial: S, keys: readonly unknown[], options: PanelSessionOptions<S>) {
  const [state, setState] = useState<S>(initial);
  const [attempt, setAttempt] = useState(0);
  const controller = useRef<AbortController | null>(null);
  const apply = options.apply ?? ((s: S, patch: Partial<S>) => ({ ...s, ...patch }));

  useEffect(() => {
    if (!start) return;
    const ctl = new AbortController();
    controller.current = ctl;
    setState(initial);
    const update = (patch: Partial<S>) => {
      if (controller.current === ctl) setState((s) => apply(s, patch));
    };
    void start(update, ctl.signal, attempt);
    return () => ctl.abort();
  }, [...keys, attempt]);

  const running = !options.ended.includes(state.phase);
  return { state, running, stop: () => controller.current?.abort(), again: () => setAttempt((a) => a + 1) };
}
