import { describe, expect, it, vi } from 'vitest';
import { FOLLOW_UP_KEY, parseFollowUp, summaryTurns, watchFollowUps, type FollowUpStorage } from './follow-up';

function fakeSession(initial: Record<string, unknown> = {}) {
  const data = { ...initial };
  const listeners = new Set<(c: Record<string, { newValue?: unknown }>) => void>();
  const s: FollowUpStorage = {
    get: async (k) => (k in data ? { [k]: data[k] } : {}),
    set: async (items) => {
      Object.assign(data, items);
      for (const l of listeners) l(Object.fromEntries(Object.entries(items).map(([k, v]) => [k, { newValue: v }])));
    },
    remove: async (k) => void delete data[k],
    onChanged: { addListener: (l) => void listeners.add(l), removeListener: (l) => void listeners.delete(l) },
  };
  return { s, data };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('follow-up', () => {
  it('accepts a recent, well-formed follow-up only', () => {
    const now = 1_000_000_000;
    expect(parseFollowUp({ tabId: 3, summary: 'S', title: 'T', at: now }, now)).toEqual({ tabId: 3, summary: 'S', title: 'T', at: now });
    expect(parseFollowUp({ summary: 'S', at: now - 11 * 60_000 }, now)).toBeNull();
    expect(parseFollowUp({ summary: '  ', at: now }, now)).toBeNull();
    expect(parseFollowUp({ tabId: 'x', summary: 'S', at: now }, now)).toBeNull();
    expect(parseFollowUp({ summary: 'x'.repeat(9000), at: now }, now)!.summary).toHaveLength(8000);
  });

  it('puts the summary before the first question as an earlier turn, after its own request when it has one', () => {
    expect(summaryTurns({ summary: ' The gist. ' })).toEqual([
      { role: 'user', content: 'Summarize this page.' },
      { role: 'assistant', content: 'The gist.' },
    ]);
    expect(summaryTurns({ summary: 'The gist.', request: 'Write a summary.' })).toEqual([
      { role: 'user', content: 'Write a summary.', asIs: true },
      { role: 'assistant', content: 'The gist.' },
    ]);
  });

  it('keeps the summary’s source only whole and with its request', () => {
    const now = 1_000_000_000;
    const source = { text: 'Page text.', title: 'T', url: 'https://a.test/' };
    expect(parseFollowUp({ summary: 'S', at: now, source, request: 'R' }, now)).toMatchObject({ source, request: 'R' });
    for (const bad of [{ source }, { source: { ...source, url: 3 }, request: 'R' }, { source: { ...source, text: ' ' }, request: 'R' }]) {
      expect(parseFollowUp({ summary: 'S', at: now, ...bad }, now)).not.toHaveProperty('source');
    }
  });

  it('takes a pending follow-up at start and one left later, each once', async () => {
    const { s, data } = fakeSession({ [FOLLOW_UP_KEY]: { tabId: 1, summary: 'A', at: Date.now() } });
    const take = vi.fn();
    const stop = watchFollowUps(s, take);
    await tick();
    expect(take).toHaveBeenCalledWith(expect.objectContaining({ tabId: 1, summary: 'A' }));
    expect(data[FOLLOW_UP_KEY]).toBeUndefined();
    await s.set({ [FOLLOW_UP_KEY]: { tabId: 2, summary: 'B', at: Date.now() } });
    await tick();
    expect(take).toHaveBeenCalledTimes(2);
    stop();
    await s.set({ [FOLLOW_UP_KEY]: { tabId: 3, summary: 'C', at: Date.now() } });
    expect(take).toHaveBeenCalledTimes(2);
  });
});
