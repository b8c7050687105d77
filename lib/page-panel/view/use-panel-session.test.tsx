// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { usePanelSession, type StartSession } from './use-panel-session';

interface S {
  phase: string;
  text: string;
}
const initial: S = { phase: 'starting', text: '' };

/** Each run the hook starts: its update, signal and attempt, as the hook handed them over. */
type Run = { update: (patch: Partial<S>) => void; signal: AbortSignal; attempt: number; key: string };

function mount(start: ((key: string) => StartSession<S>) | null, key = 'a') {
  const host = document.createElement('div');
  let api!: ReturnType<typeof usePanelSession<S>>;
  function Probe({ k }: { k: string }) {
    api = usePanelSession<S>(start && start(k), initial, [k], { ended: ['done', 'stopped'] });
    return <p>{api.state.phase}:{api.state.text}</p>;
  }
  const show = (k: string) => act(() => render(<Probe k={k} />, host));
  return { show: () => show(key), rekey: show, api: () => api, host };
}

function recorder() {
  const runs: Run[] = [];
  const start = (key: string): StartSession<S> => async (update, signal, attempt) => void runs.push({ update, signal, attempt, key });
  return { runs, start };
}

describe('usePanelSession', () => {
  it('runs once per key, merges patches, and is not running once an ended phase comes', async () => {
    const { runs, start } = recorder();
    const m = mount(start);
    await m.show();
    expect(runs.map((r) => [r.key, r.attempt])).toEqual([['a', 0]]);
    expect(m.api().running).toBe(true);
    await act(() => runs[0]!.update({ text: 'Hel' }));
    await act(() => runs[0]!.update({ phase: 'done', text: 'Hello' }));
    expect(m.host.textContent).toBe('done:Hello');
    expect(m.api().running).toBe(false);
    await m.rekey('b');
    expect(runs[0]!.signal.aborted).toBe(true);
    expect(runs.map((r) => [r.key, r.attempt])).toEqual([['a', 0], ['b', 0]]);
    expect(m.host.textContent).toBe('starting:');
  });

  it('stop aborts the run; again starts a new attempt, and the stopped run can no longer change the state', async () => {
    const { runs, start } = recorder();
    const m = mount(start);
    await m.show();
    await act(() => m.api().stop());
    expect(runs[0]!.signal.aborted).toBe(true);
    await act(() => m.api().again());
    expect(runs.map((r) => r.attempt)).toEqual([0, 1]);
    await act(() => runs[0]!.update({ phase: 'done', text: 'late' }));
    expect(m.host.textContent).toBe('starting:');
    await act(() => runs[1]!.update({ text: 'fresh' }));
    expect(m.host.textContent).toBe('starting:fresh');
  });

  it('stays idle without a start (the input was refused)', async () => {
    const m = mount(null);
    await m.show();
    expect(m.host.textContent).toBe('starting:');
    expect(m.api().running).toBe(true);
  });
});
