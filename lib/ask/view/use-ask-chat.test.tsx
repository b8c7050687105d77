// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import type { AskTurn } from '../../chat/view/use-chat';
import { useAskChat } from './use-ask-chat';
import { fakeAskBrowser, followUpSession } from '../../../testkit/fakes/ask-browser';
import { buildSummaryMessages, summaryRequest } from '../../summarize/prompt';

// The default PDF reader imports pdf.js's worker URL (a Vite asset Vitest cannot load); these tests pass their own.
vi.mock('../../pdf/view/read-pdf-tab', () => ({ readPdfTab: () => Promise.reject(new Error('not in this test')) }));


/** The chat side of a follow-up, with a fake tab and a `send` that keeps the ask turn it was given. */
async function followUp(value: unknown) {
  const send = vi.fn(async (_text: string, _ask?: AskTurn) => true);
  let api!: ReturnType<typeof useAskChat>;
  const deps = { countTokens: async () => null, browser: fakeAskBrowser as never, readPdf: vi.fn(), session: followUpSession(value) }; // stable, as in the app
  const Probe = () => {
    api = useAskChat({ send, messages: [], budget: null }, deps);
    return null;
  };
  await act(async () => render(<Probe />, document.createElement('div')));
  await act(() => new Promise((r) => setTimeout(r, 20)));
  return { api: () => api, send };
}

describe('useAskChat: a summary’s follow-up', () => {
  it('asks about the summarized tab, with the summary as the turns before the question', async () => {
    const { api, send } = await followUp({ tabId: 4, summary: 'A dahlia was planted.', title: 'Garden', at: Date.now() });
    expect(api().ask.state.sources.map((s) => s.tabId)).toEqual([4]);
    expect(api().followUp?.title).toBe('Garden');
    await act(async () => void (await api().send('Which flower?')));
    const turn = send.mock.calls[0]![1]!;
    const { messages } = turn([], { contextTokens: 2048, answerTokens: 256 });
    expect(messages.map((m) => m.content).join('\n')).toContain('A dahlia was planted.');
  });

  it('after a page read in one step, asks about the text the summary read (not the tab again), its prompt first', async () => {
    const text = 'The summarized words: a rose by the gate.\n\nA second paragraph about the gate.';
    const info = { source: 'page' as const, title: 'Garden then', language: null };
    const style = { length: 'short' as const, format: 'paragraph' as const };
    const { api, send } = await followUp({ tabId: 4, summary: 'A rose.', title: 'Garden then', at: Date.now(),
      source: { text, title: 'Garden then', url: 'https://a.test/' }, request: summaryRequest(info, style) });
    expect(api().ask.state.sources.map((s) => [s.tabId, s.title])).toEqual([[4, 'Garden then']]);
    await act(async () => void (await api().send('Which flower?')));
    const { messages } = send.mock.calls[0]![1]!([], { contextTokens: 2048, answerTokens: 256 });
    expect(messages.slice(0, 2)).toEqual(buildSummaryMessages(text, info, style));
    expect(messages.slice(2).map((m) => m.role)).toEqual(['assistant', 'user']);
    expect(messages.map((m) => m.content).join('\n')).not.toContain('dahlia'); // the tab's text now was not read
  });

  it('without a follow-up, the question has no summary before it', async () => {
    const { api, send } = await followUp(undefined);
    await act(async () => void (await api().ask.askAboutTab(4)));
    expect(api().followUp).toBeNull();
    await act(async () => void (await api().send('Which flower?')));
    const { messages } = send.mock.calls[0]![1]!([], { contextTokens: 2048, answerTokens: 256 });
    expect(messages.map((m) => m.content).join('\n')).not.toContain('Summarize this page.');
  });
});
