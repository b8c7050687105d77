import { describe, expect, it, vi } from 'vitest';
import { createLlmHost, type GenerationSink } from './llm-host';
import { handleGeneratePort } from './generate-port';
import { createJobRegistry } from './jobs';
import { createFakeEngine, fakeModel } from '../../../testkit/fakes/fake-engine';
import { streamGenerate } from '../../messaging/stream-client';
import { ContextOverflowError } from '../../messaging/errors';
import type { GenerateClientMessage, GenerateHostMessage, ReadingProgress } from '../../messaging/protocol';

const ID = 'hearthid';
const POPUP = { id: ID, url: `chrome-extension://${ID}/popup.html` };
const chat = (content: string) => ({ input: { kind: 'chat' as const, messages: [{ role: 'user' as const, content }] } });

async function readyHost() {
  const host = createLlmHost({ detectBackend: async () => ({ engine: 'cpu', reason: 'test' }), createEngine: (k) => createFakeEngine(k) });
  await host.select(fakeModel('m1'));
  return host;
}

/** A client port wired straight to a host-side port, as runtime.connect would be. */
function connectPair(host: Awaited<ReturnType<typeof readyHost>>, jobs = createJobRegistry()) {
  return () => {
    const toClient: ((m: GenerateHostMessage) => void)[] = [];
    const toHost: ((m: GenerateClientMessage) => void)[] = [];
    const disconnects: (() => void)[] = [];
    const hostPort = {
      name: 'hearth:generate',
      sender: POPUP,
      postMessage: (m: GenerateHostMessage) => queueMicrotask(() => toClient.forEach((l) => l(m))),
      disconnect: () => {},
      onMessage: { addListener: (l: (m: GenerateClientMessage) => void) => toHost.push(l) },
      onDisconnect: { addListener: (l: () => void) => disconnects.push(l) },
    };
    handleGeneratePort(hostPort as never, host, ID, jobs);
    return {
      name: 'hearth:generate',
      postMessage: (m: GenerateClientMessage) => queueMicrotask(() => toHost.forEach((l) => l(m))),
      disconnect: () => disconnects.forEach((l) => l()),
      onMessage: { addListener: (l: (m: GenerateHostMessage) => void) => toClient.push(l) },
      onDisconnect: { addListener: () => {} },
    } as never;
  };
}

describe('reading progress, engine to client', () => {
  it('the host hands each batch of prompt tokens read to the sink, all before the first token', async () => {
    const host = await readyHost();
    const events: string[] = [];
    const sink: GenerationSink = {
      queued: () => {}, backend: () => {}, progress: () => {},
      reading: (p) => events.push(`read ${p.doneTokens}/${p.totalTokens}`),
      token: (t) => events.push(`token ${t.trim()}`),
    };
    await host.generate(chat('a b c d e'), sink, new AbortController().signal);
    expect(events).toEqual(['read 0/0', 'read 2/5', 'read 4/5', 'read 5/5', 'token a', 'token b', 'token c', 'token d', 'token e']);
  });

  it('a sink without `reading` still gets its answer', async () => {
    const host = await readyHost();
    const tokens: string[] = [];
    const stats = await host.generate(chat('x y'), { queued() {}, backend() {}, progress() {}, token: (t) => tokens.push(t) }, new AbortController().signal);
    expect(tokens.join('')).toBe('x y ');
    expect(stats.promptTokens).toBe(2);
  });

  it('crosses the generate port to stream-client’s onReading, for plain answers and for jobs', async () => {
    const host = await readyHost();
    for (const job of [undefined, { jobId: 'job-1' }]) {
      const reading: ReadingProgress[] = [];
      const order: string[] = [];
      const handle = streamGenerate(connectPair(host), chat('one two three'), {
        onReading: (p) => { reading.push(p); order.push('reading'); },
        onToken: () => order.push('token'),
      }, job);
      await handle.done;
      expect(reading.map((p) => [p.doneTokens, p.totalTokens])).toEqual([[0, 0], [2, 3], [3, 3]]);
      expect(reading[1]!.tokensPerSec).toBe(1000);
      expect(order.indexOf('token')).toBeGreaterThan(order.lastIndexOf('reading'));
    }
  });

  it('an overflowing prompt reaches the client as a ContextOverflowError', async () => {
    const host = await readyHost();
    const handle = streamGenerate(connectPair(host), chat(Array(600).fill('w').join(' ')), { onToken: vi.fn() });
    await expect(handle.done).rejects.toBeInstanceOf(ContextOverflowError);
  });
});

describe('llm.countTokens', () => {
  it('is null until a model is loaded, then the engine’s own count', async () => {
    const host = await readyHost();
    expect(await host.countTokens('a b c')).toBeNull();
    await host.generate(chat('warm up'), { queued() {}, backend() {}, progress() {}, token() {} }, new AbortController().signal);
    expect(await host.countTokens('a b c')).toBe(3);
  });
});

describe('the host tells who records speeds', () => {
  it('starts reading with the model’s last reading speed, so a silent engine still gets a time left', async () => {
    const host = createLlmHost({
      detectBackend: async () => ({ engine: 'cpu', reason: 'test' }),
      createEngine: (k) => createFakeEngine(k),
      readingRate: (id) => (id === 'm1' ? 25 : undefined),
    });
    await host.select(fakeModel('m1'));
    const events: ReadingProgress[] = [];
    await host.generate(chat('a b c'), { queued() {}, backend() {}, progress() {}, reading: (p) => events.push(p), token() {} }, new AbortController().signal);
    expect(events[0]).toEqual({ doneTokens: 0, totalTokens: 0, tokensPerSec: 25 });
  });

  it('reports each finished answer with its model', async () => {
    const seen: string[] = [];
    const host = createLlmHost({
      detectBackend: async () => ({ engine: 'cpu', reason: 'test' }),
      createEngine: (k) => createFakeEngine(k),
      onGenerated: (model, stats) => seen.push(`${model.id}:${stats.completionTokens}`),
    });
    await host.select(fakeModel('m1'));
    await host.generate(chat('a b c'), { queued() {}, backend() {}, progress() {}, token() {} }, new AbortController().signal);
    expect(seen).toEqual(['m1:3']);
  });
});
