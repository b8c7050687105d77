// @vitest-environment happy-dom
/**
 * A question about tabs asked, edited and asked again goes through one prompt builder: regenerating the answer to a
 * summary's follow-up keeps the summary turns the question was first asked with (issue 19 item 7).
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import type { GenerateRequest, GenerateStats, ModelSpec } from '../../messaging/protocol';
import type { HearthClient } from '../../llm/view/hearth-client';
import type { ChatSettings } from '../../llm/settings';
import { createChatStore } from '../../chat/chat-store';
import { useChat } from '../../chat/view/use-chat';
import { useAskChat } from './use-ask-chat';
import { fakeAskBrowser, followUpSession } from '../../../testkit/fakes/ask-browser';

vi.mock('../../pdf/view/read-pdf-tab', () => ({ readPdfTab: () => Promise.reject(new Error('not in this test')) }));

const settings = { systemPrompt: 'Be brief.', temperature: 0, maxTokens: 256, enginePreference: 'auto', idleUnloadMinutes: 0 } as ChatSettings;
const model = { id: 'tiny', contextTokens: 2048 } as ModelSpec;
const stats: GenerateStats = { promptTokens: 10, completionTokens: 2, timeToFirstTokenMs: 1, finishReason: 'stop' };
/** Wait for a condition while the hooks' async work (reading the tab, the store, the answer) runs. */
const until = (check: () => void) => vi.waitFor(check, { timeout: 2000, interval: 5 });

/** The chat and its ask side wired as the app wires them, over a host that answers "A dahlia." at once. */
async function mount(followUp: unknown) {
  const requests: GenerateRequest[] = [];
  const client = {
    startJob: vi.fn(async (request: GenerateRequest, _id: string, _p: unknown, h: { onToken(t: string): void }) => {
      requests.push(request);
      h.onToken('A dahlia.');
      return { done: Promise.resolve(stats), stop() {} };
    }),
    attach: vi.fn(),
    prime: vi.fn(async () => ({ accepted: true })),
  } as unknown as HearthClient;
  const store = createChatStore(new IDBFactory());
  const deps = { countTokens: async () => null, browser: fakeAskBrowser as never, readPdf: vi.fn(), session: followUpSession(followUp) };
  let app!: { chat: ReturnType<typeof useChat>; asking: ReturnType<typeof useAskChat> };
  const Probe = () => {
    const chat = useChat(client, store, settings, model);
    app = { chat, asking: useAskChat({ send: chat.send, messages: chat.state.current?.messages ?? [], budget: chat.askBudget }, deps) };
    return null;
  };
  await act(async () => render(<Probe />, document.createElement('div')));
  await until(() => expect(app.asking.ask.state.sources).toHaveLength(1)); // the follow-up taken: its tab is read
  return { app: () => app, requests };
}

const text = (r: GenerateRequest) => (r.input.kind === 'chat' ? r.input.messages.map((m) => m.content).join('\n') : r.input.prompt);

describe('asking again', () => {
  it('regenerating the answer to a summary’s follow-up asks with the summary, as the question was first asked', async () => {
    const { app, requests } = await mount({ tabId: 4, summary: 'A dahlia was planted.', title: 'Garden', at: Date.now() });
    await act(async () => void (await app().asking.send('Which flower?')));
    await until(() => expect(app().chat.state.streamingId).toBeNull());
    expect(text(requests[0]!)).toContain('A dahlia was planted.');
    // As the app's Regenerate does: the ask side hands over the turn the question was asked with.
    await act(async () => void (await app().chat.regenerate(await app().asking.again(app().chat.state.current!.messages.at(-2)))));
    await until(() => expect(requests).toHaveLength(2));
    expect(requests[1]!.input).toEqual(requests[0]!.input);
  });

  it('an edited follow-up question is asked with the summary too, and a plain chat message is asked again as chat', async () => {
    const { app, requests } = await mount({ tabId: 4, summary: 'A dahlia was planted.', title: 'Garden', at: Date.now() });
    await act(async () => void (await app().asking.send('Which flower?')));
    await until(() => expect(app().chat.state.streamingId).toBeNull());
    const question = app().chat.state.current!.messages[0]!;
    await act(async () => void (await app().asking.edit(question.id, 'Which plant?', app().chat.editAndResend)));
    await until(() => expect(app().chat.state.streamingId).toBeNull());
    expect(text(requests[1]!)).toContain('A dahlia was planted.');
    expect(text(requests[1]!)).toMatch(/Question: Which plant\?/);
    expect(text(requests[1]!)).not.toContain('Which flower?');
    // Without sources, a message is a plain chat message: asked again with the chat's own prompt, no sources.
    await act(async () => app().asking.ask.stop());
    await act(async () => app().chat.newChat());
    await act(async () => void (await app().asking.send('Hello there')));
    await until(() => expect(app().chat.state.streamingId).toBeNull());
    await act(async () => void (await app().chat.regenerate(await app().asking.again(app().chat.state.current!.messages.at(-2)))));
    await until(() => expect(requests).toHaveLength(4));
    expect(requests[3]!.input).toEqual(requests[2]!.input);
    expect(requests[3]!.input).toEqual({ kind: 'chat', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hello there' }] });
  });
});
