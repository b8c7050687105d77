import { describe, expect, it } from 'vitest';
import { streamGenerate } from './stream-client';
import { handleGeneratePort } from '../llm/host/generate-port';
import { createLlmHost } from '../llm/host/llm-host';
import { createFakeEngine, fakeModel } from '../../testkit/fakes/fake-engine';
import type { PortLike } from './port';
import type { SenderLike } from './sender';
import { BadRequestError, HostUnavailableError, SenderRefusedError } from './errors';

const ID = 'hearthid';

/** Two connected fake ports, delivering asynchronously like Chrome does. */
function portPair(name: string, sender: SenderLike) {
  const make = () => ({ msg: [] as ((m: unknown) => void)[], disc: [] as (() => void)[], open: true });
  const a = make();
  const b = make();
  const side = (me: typeof a, other: typeof a, withSender?: SenderLike): PortLike<never, never> => ({
    name,
    sender: withSender,
    postMessage: (m) => {
      if (!me.open) throw new Error('Attempting to use a disconnected port object');
      const copy = JSON.parse(JSON.stringify(m));
      // Chrome delivers what was posted before a disconnect, then the disconnect.
      setTimeout(() => other.msg.forEach((cb) => cb(copy)), 0);
    },
    disconnect: () => {
      if (!me.open) return;
      me.open = false;
      other.open = false;
      setTimeout(() => other.disc.forEach((cb) => cb()), 0);
    },
    onMessage: { addListener: (cb) => me.msg.push(cb as never) },
    onDisconnect: { addListener: (cb) => me.disc.push(cb) },
  });
  return { client: side(a, b), server: side(b, a, sender) };
}

function setup(sender: SenderLike = { id: ID, url: `chrome-extension://${ID}/popup.html` }) {
  const host = createLlmHost({ detectBackend: async () => ({ engine: 'cpu', reason: 'test' }), createEngine: (k) => createFakeEngine(k) });
  const connect = (info: { name: string }) => {
    const { client, server } = portPair(info.name, sender);
    handleGeneratePort(server as never, host, ID);
    return client as never;
  };
  return { host, connect };
}

const chat = (content: string) => ({ input: { kind: 'chat' as const, messages: [{ role: 'user' as const, content }] } });

describe('generate stream over a port', () => {
  it('streams tokens and the final stats', async () => {
    const { host, connect } = setup();
    await host.select(fakeModel('m'));
    const tokens: string[] = [];
    const h = streamGenerate(connect, chat('a b c'), { onToken: (t) => tokens.push(t) });
    await expect(h.done).resolves.toMatchObject({ finishReason: 'stop', completionTokens: 3 });
    expect(tokens.join('')).toBe('a b c ');
  });

  it('stops on request', async () => {
    const { host, connect } = setup();
    await host.select(fakeModel('m'));
    const tokens: string[] = [];
    const h = streamGenerate(connect, chat('1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20'), {
      onToken: (t) => {
        tokens.push(t);
        if (tokens.length === 1) h.stop();
      },
    });
    const stats = await h.done;
    expect(stats.finishReason).toBe('aborted');
    expect(tokens.length).toBeLessThan(20);
  });

  it('brings typed errors across: bad input, and a refused sender', async () => {
    const { host, connect } = setup();
    await host.select(fakeModel('m'));
    await expect(streamGenerate(connect, chat('  '), { onToken: () => {} }).done).rejects.toBeInstanceOf(BadRequestError);
    const foreign = setup({ id: 'intruder', url: 'chrome-extension://intruder/bg.js' });
    await foreign.host.select(fakeModel('m'));
    await expect(streamGenerate(foreign.connect, chat('a'), { onToken: () => {} }).done).rejects.toBeInstanceOf(SenderRefusedError);
    expect((await foreign.host.status()).refused).toBe(1);
    expect((await foreign.host.status()).served).toBe(0);
  });

  it('fails clearly when the host goes away mid-answer', async () => {
    const h = streamGenerate(
      (info) => {
        const { client, server } = portPair(info.name, {});
        server.onMessage.addListener(() => server.disconnect());
        return client as never;
      },
      chat('a'),
      { onToken: () => {} },
    );
    await expect(h.done).rejects.toBeInstanceOf(HostUnavailableError);
  });
});
