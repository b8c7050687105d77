// @vitest-environment happy-dom
/**
 * Reading the sources ahead (`llm.prime`): which prime the chat sends, when, with which key, and that the question's
 * prompt starts with what was primed.
 */
import { describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import type { ChatMessage, GenerateRequest, PrimeProgress } from '../../messaging/protocol';
import type { AskTurn, TurnBudget } from '../../chat/ask-turn';
import type { StoredMessage } from '../../chat/chat-store';
import { useAskChat } from './use-ask-chat';
import { FOLLOW_UP_KEY, type FollowUpStorage } from '../follow-up';
import type { TabInfo } from './tab-access';

vi.mock('../../pdf/view/read-pdf-tab', () => ({ readPdfTab: () => Promise.reject(new Error('not in this test')) }));

const noop = { addListener: () => {}, removeListener: () => {} };
const pages: Record<number, object> = {
  4: { kind: 'page', text: 'The gardener planted a dahlia beside the wall.', title: 'Garden', url: 'https://a.test/', words: 8 },
  5: { kind: 'page', text: 'A garnet rose flowered until the first frost.', title: 'Roses', url: 'https://b.test/', words: 8 },
};
/** A page of many passages; the geese come last. */
const LONG = [
  ...Array.from({ length: 12 }, (_, i) => `Paragraph ${i + 1} tells of the harbour walls, the boats at anchor and the tides that turn twice a day along the quay, as the fishermen mend their nets and count the weather in the old way.`),
  'The barnacle geese arrive from the north every October and winter on the salt marsh behind the dunes.',
].join('\n\n');
pages[6] = { kind: 'page', text: LONG, title: 'Harbour', url: 'https://c.test/', words: LONG.split(/\s+/).length };
const tabs: TabInfo[] = [
  { id: 4, windowId: 1, active: true, url: 'https://a.test/', title: 'Garden' },
  { id: 5, windowId: 1, active: false, url: 'https://b.test/', title: 'Roses' },
  { id: 6, windowId: 1, active: false, url: 'https://c.test/', title: 'Harbour' },
];
const fakeBrowser = {
  runtime: { getURL: (p: string) => `chrome-extension://hearth${p}` },
  tabs: { query: async () => tabs.filter((t) => t.active), get: async (id: number) => tabs.find((t) => t.id === id)!, update: async () => ({}), onActivated: noop, onUpdated: noop, onRemoved: noop },
  windows: { update: async () => ({}), getLastFocused: async () => ({ id: 1 }) },
  scripting: {
    executeScript: async (inj: { files?: string[]; func?: () => unknown; target: { tabId: number } }) =>
      // The Ask script reads in its one injection (files); a func injection asks for the document's type.
      inj.files ? [{ result: pages[inj.target.tabId] }] : [{ result: 'text/html' }],
  },
};
const session = (value: unknown): FollowUpStorage => ({ get: async () => ({ [FOLLOW_UP_KEY]: value }), set: async () => {}, remove: async () => {}, onChanged: noop });
const budget: TurnBudget = { contextTokens: 2048, answerTokens: 256 };
/** Wait for a condition, letting the hooks' async work (reading a tab, calibrating, priming) run meanwhile. */
const until = (check: () => void) => vi.waitFor(check, { timeout: 2000, interval: 5 });
const text = (ms: ChatMessage[]) => ms.map((m) => `<${m.role}>${m.content}`).join('');
const chatOf = (r: GenerateRequest) => (r.input.kind === 'chat' ? r.input.messages : []);

/** The ask side with a chat whose budget and messages the test sets, and a host that takes every prime. */
async function mount({ followUp, withBudget = true, primeProgress }: { followUp?: unknown; withBudget?: boolean; primeProgress?: (key: string) => Promise<PrimeProgress | null> } = {}) {
  const prime = vi.fn(async (_request: GenerateRequest, _key: string) => ({ accepted: true }));
  const send = vi.fn(async (_text: string, _ask?: AskTurn) => true);
  let chat = { send, messages: [] as StoredMessage[], budget: withBudget ? budget : null, answering: false };
  let api!: ReturnType<typeof useAskChat>;
  const deps = { countTokens: async () => null, prime, primeProgress, browser: fakeBrowser as never, readPdf: vi.fn(), session: session(followUp) };
  const Probe = ({ c }: { c: typeof chat }) => {
    api = useAskChat(c, deps);
    return null;
  };
  const root = document.createElement('div');
  const draw = () => act(async () => render(<Probe c={chat} />, root));
  await draw();
  return {
    api: () => api,
    prime,
    send,
    /** The chat changes (a model chosen, an answer added): render with it. */
    async update(change: Partial<typeof chat>) {
      chat = { ...chat, ...change };
      await draw();
    },
  };
}

describe('priming the sources', () => {
  it('opening Ask about a page primes its prompt once, keyed by the source, and the question starts with it', async () => {
    const t = await mount();
    expect(t.prime).not.toHaveBeenCalled(); // nothing open yet
    await act(async () => void (await t.api().ask.askAboutCurrent()));
    await until(() => expect(t.api().primed).not.toBeNull());
    expect(t.prime).toHaveBeenCalledTimes(1);
    const [request, key] = t.prime.mock.calls[0]!;
    expect(key).toMatch(/^ask:4:/);
    const primed = text(chatOf(request));
    expect(primed).toContain('The gardener planted a dahlia');
    expect(t.api().primed).toEqual({ key, accepted: true });
    await act(async () => void (await t.api().send('Which flower?')));
    const asked = text(t.send.mock.calls[0]![1]!([], budget).messages);
    const upTo = primed.slice(0, primed.lastIndexOf('Question:') + 'Question:'.length);
    expect(asked.startsWith(upTo)).toBe(true);
    expect(t.prime).toHaveBeenCalledTimes(1); // asking does not prime again
  });

  it('waits for the model: no prime without a budget, one as soon as the chat knows it', async () => {
    const t = await mount({ withBudget: false });
    await act(async () => void (await t.api().ask.askAboutCurrent()));
    expect(t.api().ask.state.sources).toHaveLength(1);
    expect(t.prime).not.toHaveBeenCalled(); // the source is read; without a budget nothing is even built
    await t.update({ budget });
    await until(() => expect(t.prime).toHaveBeenCalledTimes(1));
  });

  it('adding a tab primes both sources under a new key; an answer in the chat does not prime again', async () => {
    const t = await mount();
    await act(async () => void (await t.api().ask.askAboutCurrent()));
    await until(() => expect(t.prime).toHaveBeenCalledTimes(1));
    await act(async () => void (await t.api().ask.addTab(5)));
    await until(() => expect(t.prime).toHaveBeenCalledTimes(2));
    const [request, key] = t.prime.mock.calls[1]!;
    expect(key).toMatch(/^ask:4,5:/);
    expect(key).not.toBe(t.prime.mock.calls[0]![1]);
    const primed = text(chatOf(request));
    expect(primed.indexOf('dahlia')).toBeLessThan(primed.indexOf('garnet')); // both, in the order they were added
    const answered: StoredMessage[] = [
      { id: 'q', role: 'user', content: 'Which flower?', createdAt: 1, passages: [] },
      { id: 'a', role: 'assistant', content: 'A dahlia [1].', createdAt: 2, status: 'done' },
    ];
    await t.update({ messages: answered });
    expect(t.api().primed?.key).toBe(key);
    expect(t.prime).toHaveBeenCalledTimes(2); // the sources did not change: what the answer read is in the cache
  });

  it('a question asked before its page is read goes at once over part of it; after its answer the rest is read', async () => {
    const primeProgress = vi.fn(async (_key: string): Promise<PrimeProgress> => ({ doneTokens: 0, totalTokens: 900, tokensPerSec: 400 }));
    const t = await mount({ primeProgress });
    const roomy: TurnBudget = { contextTokens: 8192, answerTokens: 256 }; // the page fits whole (one token a byte, no model)
    await t.update({ budget: roomy });
    await act(async () => void (await t.api().ask.askAboutTab(6)));
    await until(() => expect(t.prime).toHaveBeenCalledTimes(1));
    const key = t.prime.mock.calls[0]![1];
    await act(async () => void (await t.api().send('When do the geese arrive?')));
    expect(primeProgress).toHaveBeenCalledWith(key);
    let built!: ReturnType<AskTurn>;
    await act(async () => void (built = t.send.mock.calls[0]![1]!([], roomy)));
    expect(built.notice).toMatch(/^Answered at once from the \d+ passages? that match/);
    expect(built.passages.length).toBeLessThan(13);
    expect(built.passages.some((p) => p.text.includes('barnacle geese'))).toBe(true);
    const question: StoredMessage = { id: 'q', role: 'user', content: 'When do the geese arrive?', createdAt: 1, passages: built.passages };
    await t.update({ messages: [question], answering: true });
    expect(t.prime).toHaveBeenCalledTimes(1); // not while the answer is written
    await t.update({ messages: [question, { id: 'a', role: 'assistant', content: 'In October [1].', createdAt: 2, status: 'done' }], answering: false });
    await until(() => expect(t.prime).toHaveBeenCalledTimes(2));
    const again = text(chatOf(t.prime.mock.calls[1]![0]));
    expect(again).toContain('Paragraph 1 tells');
    expect(again).toContain('barnacle geese');
    expect(again).toContain('<assistant>In October [1].');
  });

  it('a summary’s follow-up primes the source with the summary turns, as its question will have them', async () => {
    const t = await mount({ followUp: { tabId: 4, summary: 'A dahlia was planted.', title: 'Garden', at: Date.now() } });
    await until(() => expect(t.prime).toHaveBeenCalledTimes(1));
    const primed = text(chatOf(t.prime.mock.calls[0]![0]));
    expect(primed).toContain('<assistant>A dahlia was planted.');
    expect(primed.indexOf('The gardener planted')).toBeLessThan(primed.indexOf('A dahlia was planted.'));
  });
});
