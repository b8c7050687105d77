// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { render } from 'preact';
import { SummaryView } from './SummaryView';
import { initialSummaryState, type SummaryState } from './summary-session';

// The view only uses the runtime for a model download, which these states never show.
const runtime = { sendMessage: () => Promise.reject(new Error('no runtime in this test')), connect: () => { throw new Error('no runtime in this test'); } };
const read = { source: 'page' as const, words: 120, chars: 700 };
function show(patch: Partial<SummaryState>, running: boolean) {
  const host = document.createElement('div');
  const noop = () => {};
  render(
    <SummaryView read={read} preview="The start." state={{ ...initialSummaryState, ...patch }} style={{ length: 'medium', format: 'paragraph' }}
      running={running} onStyle={noop} onStop={noop} onAgain={noop} onCopy={noop} copied={false} runtime={runtime} />,
    host,
  );
  const ids = [...host.querySelectorAll('[data-testid]')].map((e) => e.getAttribute('data-testid'));
  return { host, ids };
}

describe('SummaryView', () => {
  it('puts the summary first and what was read last, so a short panel cuts off the least useful part', () => {
    const { ids } = show({ phase: 'done', summary: ' The park opens in spring.' }, false);
    expect(ids[0]).toBe('summary');
    expect(ids.slice(-2)).toEqual(['read', 'preview']);
  });

  it('offers Stop only while running, Summarize again after a stop or failure, neither when done', () => {
    expect(show({ phase: 'writing', summary: 'x' }, true).ids).toContain('stop');
    const done = show({ phase: 'done', summary: 'x' }, false).ids;
    expect(done).not.toContain('stop');
    expect(done).not.toContain('again');
    expect(show({ phase: 'stopped' }, false).ids).toEqual(expect.arrayContaining(['again']));
  });

  it('on a failure shows the failure, not the part notes that would pass for a summary', () => {
    const { host, ids } = show({ phase: 'error', error: 'The model host stopped.', notes: 'The council voted…' }, false);
    expect(ids).not.toContain('notes');
    expect(host.querySelector('[data-testid=error]')!.textContent).toBe('The model host stopped.');
    expect(ids.indexOf('error')).toBeLessThan(ids.indexOf('status'));
    expect(show({ phase: 'reading', step: { stage: 'read', index: 1, total: 3 } as SummaryState['step'], notes: 'The council voted…' }, true).ids).toContain('notes');
  });
});

describe('SummaryView updates', () => {
  it('keeps the status element itself while notes and errors come and go', () => {
    const host = document.createElement('div');
    const noop = () => {};
    const at = (patch: Partial<SummaryState>, running: boolean) =>
      render(
        <SummaryView read={read} preview="p" state={{ ...initialSummaryState, ...patch }} style={{ length: 'medium', format: 'paragraph' }}
          running={running} onStyle={noop} onStop={noop} onAgain={noop} onCopy={noop} copied={false} runtime={runtime} />,
        host,
      );
    const step = { stage: 'read', index: 1, total: 3 } as SummaryState['step'];
    at({ phase: 'reading', step }, true);
    const status = host.querySelector('[data-testid=status]');
    at({ phase: 'reading', step, notes: 'Notes on part one.' }, true);
    at({ phase: 'error', error: 'Stopped.', notes: 'Notes on part one.' }, false);
    expect(host.querySelector('[data-testid=status]')).toBe(status);
    expect(status!.getAttribute('data-phase')).toBe('error');
  });
});
