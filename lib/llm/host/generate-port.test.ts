import { describe, expect, it, vi } from 'vitest';
import { handleGeneratePort } from './generate-port';
import { createJobRegistry } from './jobs';
import { createGenerationRecords } from './records';
import type { LlmHost } from './llm-host';
import type { GenerateHostMessage, GenerateStats } from '../../messaging/protocol';

const ID = 'hearthid';
const POPUP = { id: ID, url: `chrome-extension://${ID}/popup.html` };
const PAGE_SCRIPT = { id: ID, url: 'https://example.com/', tab: { id: 3 }, frameId: 0 };
const stats: GenerateStats = { promptTokens: 1, completionTokens: 1, timeToFirstTokenMs: 1, finishReason: 'stop' };

function fakePort(sender: object) {
  const sent: GenerateHostMessage[] = [];
  const listeners: ((m: unknown) => void)[] = [];
  const port = {
    name: 'hearth:generate',
    sender,
    postMessage: (m: GenerateHostMessage) => sent.push(m),
    disconnect: vi.fn(),
    onMessage: { addListener: (cb: (m: unknown) => void) => listeners.push(cb) },
    onDisconnect: { addListener: () => {} },
  };
  return { port, sent, deliver: (m: unknown) => listeners.forEach((l) => l(m)) };
}

const chat = { input: { kind: 'chat', messages: [{ role: 'user', content: 'secret question' }] } };

describe('generate port: who may read a chat answer', () => {
  it('lets Hearth’s pages attach to a running chat answer but refuses a page script that knows its id', async () => {
    let release: (s: GenerateStats) => void = () => {};
    const host = {
      generate: vi.fn((_r, sink: { token(t: string): void }) => {
        sink.token('private answer');
        return new Promise<GenerateStats>((r) => (release = r));
      }),
      noteRefused: vi.fn(),
    } as unknown as LlmHost;
    const jobs = createJobRegistry();
    handleGeneratePort(fakePort(POPUP).port as never, host, ID, jobs);
    const starter = fakePort(POPUP);
    handleGeneratePort(starter.port as never, host, ID, jobs);
    starter.deliver({ type: 'start', request: chat, jobId: 'job-1' });

    const intruder = fakePort(PAGE_SCRIPT);
    handleGeneratePort(intruder.port as never, host, ID, jobs);
    intruder.deliver({ type: 'attach', jobId: 'job-1' });
    expect(intruder.sent).toEqual([{ type: 'error', error: expect.objectContaining({ code: 'sender-refused' }) }]);

    const popup = fakePort(POPUP);
    handleGeneratePort(popup.port as never, host, ID, jobs);
    popup.deliver({ type: 'attach', jobId: 'job-1' });
    expect(popup.sent).toContainEqual({ type: 'snapshot', text: 'private answer' });
    release(stats);
    await new Promise((r) => setTimeout(r, 0));
    expect(intruder.sent.some((m) => m.type === 'token' || m.type === 'snapshot')).toBe(false);
  });

  it('refuses a page script a detachable, saved answer', () => {
    const host = { generate: vi.fn(), noteRefused: vi.fn() } as unknown as LlmHost;
    const p = fakePort(PAGE_SCRIPT);
    handleGeneratePort(p.port as never, host, ID, createJobRegistry());
    p.deliver({ type: 'start', request: chat, jobId: 'job-2', persist: { conversationId: 'c', messageId: 'm' } });
    expect(host.generate).not.toHaveBeenCalled();
    expect(p.sent[0]).toMatchObject({ type: 'error' });
  });
  it('turns the camera view away before it can ask anything of the model', () => {
    const host = { generate: vi.fn(), noteRefused: vi.fn() } as unknown as LlmHost;
    const view = fakePort({ id: ID, url: `chrome-extension://${ID}/pose-view.html`, tab: { id: 3 }, frameId: 9 });
    handleGeneratePort(view.port as never, host, ID, createJobRegistry());
    view.deliver({ type: 'start', request: chat });
    expect(view.sent).toEqual([{ type: 'error', error: expect.objectContaining({ code: 'sender-refused' }) }]);
    expect(view.port.disconnect).toHaveBeenCalled();
    expect(host.generate).not.toHaveBeenCalled();
  });
});

describe('generate port: the host’s record of an answer', () => {
  const answering = (text: string, finishReason: GenerateStats['finishReason'] = 'stop') =>
    ({ generate: vi.fn(async (_r, sink: { token(t: string): void }) => (sink.token(text), { ...stats, finishReason })), noteRefused: vi.fn() }) as unknown as LlmHost;
  const done = async (p: ReturnType<typeof fakePort>) => {
    await vi.waitFor(() => expect(p.sent.some((m) => m.type === 'done')).toBe(true));
    return (p.sent.find((m) => m.type === 'done') as { stats: GenerateStats }).stats;
  };

  it('keeps a finished answer that asked for it, bound to the asking content script’s tab', async () => {
    const records = createGenerationRecords();
    const p = fakePort(PAGE_SCRIPT);
    handleGeneratePort(p.port as never, answering('A summary.'), ID, undefined, records);
    p.deliver({ type: 'start', request: chat, record: true });
    const { recordId } = await done(p);
    expect(records.get(recordId)).toEqual({ id: recordId, tabId: 3, messages: chat.input.messages, text: 'A summary.' });

    const own = fakePort({ ...POPUP, tab: { id: 5 }, url: `chrome-extension://${ID}/sidepanel.html` });
    handleGeneratePort(own.port as never, answering('Mine.'), ID, undefined, records);
    own.deliver({ type: 'start', request: chat, record: true });
    expect(records.get((await done(own)).recordId).tabId).toBeUndefined(); // an extension page names no tab of a page
  });

  it('keeps nothing unasked or stopped, and only the last few', async () => {
    const records = createGenerationRecords({ keep: 2 });
    for (const [record, finish] of [[undefined, 'stop'], [true, 'aborted']] as const) {
      const p = fakePort(PAGE_SCRIPT);
      handleGeneratePort(p.port as never, answering('x', finish), ID, undefined, records);
      p.deliver({ type: 'start', request: chat, record });
      expect((await done(p)).recordId).toBeUndefined();
    }
    const ids = [records.add({ messages: [], text: 'a' }), records.add({ messages: [], text: 'b' }), records.add({ messages: [], text: 'c' })];
    expect(() => records.get(ids[0])).toThrow(/no longer/);
    expect(records.get(ids[2]).text).toBe('c');
  });
});
