import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { registerCommandHandlers, sendCommand, type RuntimeLike } from './commands';
import { BadRequestError, HostUnavailableError, SenderRefusedError } from './errors';

const runtime = fakeBrowser.runtime as unknown as RuntimeLike;
const ID = fakeBrowser.runtime.id;
const page = { id: ID, url: `chrome-extension://${ID}/popup.html` };

function deliver(message: unknown, sender: object): Promise<unknown> {
  return new Promise((resolve) => {
    void fakeBrowser.runtime.onMessage.trigger(message, sender as never, resolve);
  });
}

const statusHandlers = (status = vi.fn(async () => ({ state: 'idle' }) as never)) => ({
  'host.ping': async () => ({ ready: true as const }),
  'llm.status': status,
  'llm.select': async () => {
    throw new BadRequestError('That model is not valid.');
  },
  'llm.unload': async () => ({}) as never,
  'llm.countTokens': async () => ({ tokens: null }),
  'llm.speeds': async () => ({ device: null, measured: {} }),
  'host.configure': async () => ({}) as never,
  'models.list': async () => [],
  'models.download': async () => ({}) as never,
  'models.cancel': async () => ({}) as never,
  'models.delete': async () => ({}) as never,
  'llm.chosenModel': async () => ({ model: null, state: null }),
  'llm.downloadChosen': async () => ({}) as never,
  'llm.recheckChosen': async () => ({ verdict: 'ok' as const }),
  'llm.prime': async () => ({ accepted: false }),
  'llm.primeProgress': async () => null,
  'llm.record': async () => ({}) as never,
  'pose.status': async () => ({ active: false, numTensors: 0 }),
});

describe('command messaging', () => {
  beforeEach(() => fakeBrowser.reset());

  it('answers commands for its own context and passes the payload through', async () => {
    const status = vi.fn(async () => ({ state: 'ready' }) as never);
    registerCommandHandlers('host', statusHandlers(status), runtime);
    const answer = await deliver({ hearth: 1, to: 'host', name: 'llm.status', payload: undefined }, page);
    expect(answer).toEqual({ ok: true, value: { state: 'ready' } });
    expect(status).toHaveBeenCalledOnce();
  });

  it('leaves messages for another context unanswered', async () => {
    registerCommandHandlers('host', statusHandlers(), runtime);
    const results = await fakeBrowser.runtime.onMessage.trigger(
      { hearth: 1, to: 'background', name: 'host.ensure', payload: undefined },
      page as never,
      () => {},
    );
    expect(results).toEqual([undefined]);
  });

  it('refuses a foreign sender before running the handler, and reports it', async () => {
    const status = vi.fn(async () => ({}) as never);
    const onRefused = vi.fn();
    registerCommandHandlers('host', statusHandlers(status), runtime, onRefused);
    const answer = await deliver(
      { hearth: 1, to: 'host', name: 'llm.status', payload: undefined },
      { id: 'another-extension', url: 'chrome-extension://another-extension/bg.js' },
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'sender-refused' } });
    expect(status).not.toHaveBeenCalled();
    expect(onRefused).toHaveBeenCalledWith('llm.status', expect.anything());
  });

  it('refuses model selection from a content script', async () => {
    registerCommandHandlers('host', statusHandlers(), runtime);
    const answer = await deliver(
      { hearth: 1, to: 'host', name: 'llm.select', payload: { model: {} } },
      { id: ID, url: 'https://example.com/', tab: { id: 1 } },
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'sender-refused' } });
  });

  it('rethrows the typed error on the calling side', async () => {
    registerCommandHandlers('host', statusHandlers(), runtime);
    const caller = { sendMessage: (m: unknown) => deliver(m, page) };
    await expect(sendCommand(caller, 'host', 'llm.select', { model: {} as never })).rejects.toBeInstanceOf(BadRequestError);
    await expect(sendCommand(caller, 'host', 'llm.select', { model: {} as never })).rejects.toThrow('That model is not valid.');
  });

  it('says the host is unavailable when nobody answers', async () => {
    const nobody = { sendMessage: async () => undefined };
    await expect(sendCommand(nobody, 'host', 'llm.status', undefined)).rejects.toBeInstanceOf(HostUnavailableError);
    const closed = { sendMessage: async () => Promise.reject(new Error('Receiving end does not exist.')) };
    await expect(sendCommand(closed, 'host', 'llm.status', undefined)).rejects.toBeInstanceOf(HostUnavailableError);
  });

  it("refuses fake browser's anonymous sender end to end", async () => {
    registerCommandHandlers('host', statusHandlers(), runtime);
    await expect(sendCommand(runtime, 'host', 'llm.status', undefined)).rejects.toBeInstanceOf(SenderRefusedError);
  });
});
