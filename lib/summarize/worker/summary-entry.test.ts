import { describe, expect, it, vi } from 'vitest';
import { createSummaryEntry } from './summary-entry';

function setup(injectFails = false) {
  const calls: string[] = [];
  const deps = {
    inject: vi.fn(async (tabId: number, trigger: { mode: string }) => {
      calls.push(`inject ${tabId} ${trigger.mode}`);
      if (injectFails) throw new Error('Cannot access contents of the page');
    }),
    openSidePanel: vi.fn(async () => void calls.push('open')),
    handOff: vi.fn(async (r: { note: string; text?: string }) => void calls.push(`handoff ${r.text ?? '-'}`)),
  };
  return { summarize: createSummaryEntry(deps), calls, deps };
}

describe('summary entry', () => {
  it('injects the panel into an ordinary page with Chrome’s copy of the selection', async () => {
    const { summarize, deps } = setup();
    await summarize('selection', { id: 3, url: 'https://example.com/' }, { selectionText: 'abc', pageUrl: 'https://example.com/' });
    expect(deps.inject).toHaveBeenCalledWith(3, { mode: 'selection', selectionText: 'abc' });
    expect(deps.openSidePanel).not.toHaveBeenCalled();
  });
  it('never hands text selected in another origin’s frame to the top page: the side panel shows it, opened at once', async () => {
    // The top page must not be able to read text selected in another origin's frame (nor the summary of it).
    const { summarize, calls, deps } = setup();
    const info = { selectionText: 'secret', pageUrl: 'https://news.example/', frameUrl: 'https://bank.example/widget', frameId: 7 };
    const done = summarize('selection', { id: 3, windowId: 1, url: 'https://news.example/' }, info);
    expect(calls[0]).toBe('open'); // synchronous: still inside the user gesture
    await done;
    expect(deps.inject).not.toHaveBeenCalled();
    expect(deps.handOff.mock.calls[0]![0]).toMatchObject({ mode: 'selection', text: 'secret', note: expect.stringMatching(/frame from another site/) });
  });
  it('keeps the panel in the page for a same-origin frame (the page can read that frame anyway)', async () => {
    const { summarize, deps } = setup();
    const info = { selectionText: 'abc', pageUrl: 'https://news.example/a', frameUrl: 'https://news.example/frame', frameId: 2 };
    await summarize('selection', { id: 3, url: 'https://news.example/a' }, info);
    expect(deps.inject).toHaveBeenCalledWith(3, { mode: 'selection', selectionText: 'abc' });
    expect(deps.openSidePanel).not.toHaveBeenCalled();
  });
  it('opens the side panel first, before any await, on pages no extension may read', async () => {
    const { summarize, calls, deps } = setup();
    const done = summarize('selection', { id: 4, windowId: 1, url: 'chrome://settings' }, { selectionText: 'sel' });
    expect(calls[0]).toBe('open'); // synchronous: still inside the user gesture
    await done;
    expect(deps.inject).not.toHaveBeenCalled();
    expect(deps.handOff.mock.calls[0]![0]).toMatchObject({ mode: 'selection', text: 'sel', note: expect.stringMatching(/its own pages/) });
  });
  it('falls back to the side panel, with the reason, when injecting fails', async () => {
    const { summarize, calls, deps } = setup(true);
    await summarize('page', { id: 5, url: 'https://example.com/' });
    expect(calls).toEqual(['inject 5 page', 'open', 'handoff -']);
    expect(deps.handOff.mock.calls[0]![0].note).toMatch(/could not read this page \(Cannot access/);
  });
  it('treats a shortcut on a tab whose address Hearth may not see as a page no extension may read', async () => {
    const { summarize, calls, deps } = setup();
    await summarize('page', { id: 6 });
    expect(calls[0]).toBe('open');
    expect(deps.handOff.mock.calls[0]![0].note).toMatch(/does not let extensions read this page/);
  });
  it('ignores clicks without a tab', async () => {
    const { summarize, calls } = setup();
    await summarize('page', undefined);
    await summarize('page', { id: -1 });
    expect(calls).toEqual([]);
  });
});
