import { describe, expect, it, vi } from 'vitest';
import { createLlmHost, MAX_QUEUED_GENERATIONS, type GenerationSink } from './llm-host';
import { createFakeEngine, fakeModel } from '../../../testkit/fakes/fake-engine';
import { BusyError, DeviceLostError, NoModelError } from '../../messaging/errors';
import type { EngineKind } from '../../messaging/protocol';

const sink = (tokens: string[] = []): GenerationSink => ({
  queued: () => {},
  backend: () => {},
  progress: () => {},
  token: (t) => tokens.push(t),
});
const chat = (content: string) => ({ input: { kind: 'chat' as const, messages: [{ role: 'user' as const, content }] } });

function setup() {
  const log: string[] = [];
  const createEngine = vi.fn((kind: EngineKind) => createFakeEngine(kind, log));
  const host = createLlmHost({ detectBackend: async () => ({ engine: 'cpu', reason: 'test' }), createEngine });
  return { host, log, createEngine };
}

describe('LLM host', () => {
  it('asks for a model before it generates', async () => {
    const { host } = setup();
    await expect(host.generate(chat('hi'), sink(), new AbortController().signal)).rejects.toBeInstanceOf(NoModelError);
    expect((await host.status()).lastError?.code).toBe('no-model');
  });

  it('serves concurrent callers one after another with one engine, loading the model once', async () => {
    const { host, log, createEngine } = setup();
    await host.select(fakeModel('m1'));
    const a: string[] = [];
    const b: string[] = [];
    await Promise.all([
      host.generate(chat('a1 a2 a3'), sink(a), new AbortController().signal),
      host.generate(chat('b1 b2 b3'), sink(b), new AbortController().signal),
    ]);
    expect(a.join('')).toBe('a1 a2 a3 ');
    expect(b.join('')).toBe('b1 b2 b3 ');
    expect(log).toEqual(['load m1', 'start a1 a2 a3', 'end a1 a2 a3', 'start b1 b2 b3', 'end b1 b2 b3']);
    expect(createEngine).toHaveBeenCalledOnce();
    expect((await host.status())).toMatchObject({ served: 2, state: 'ready', loadedModelId: 'm1', queued: 0 });
  });

  it('keeps a model’s <think> block out of a chat answer (the split tags: lib/llm/think-filter.test.ts)', async () => {
    const { host } = setup();
    await host.select(fakeModel('m1'));
    const tokens: string[] = [];
    await host.generate(chat('<think> I should plan </think> Answer here'), sink(tokens), new AbortController().signal);
    expect(tokens.join('')).toBe('Answer here ');
    const raw: string[] = [];
    await host.generate({ input: { kind: 'completion', prompt: '<think> kept </think>' } }, sink(raw), new AbortController().signal);
    expect(raw.join('')).toBe('<think> kept </think> '); // a raw completion is not a chat answer: left as it is
  });

  it('stops a running generation when its signal aborts, keeping the text so far', async () => {
    const { host } = setup();
    await host.select(fakeModel('m1'));
    const tokens: string[] = [];
    const stop = new AbortController();
    const running = host.generate(chat('w1 w2 w3 w4 w5 w6 w7 w8'), { ...sink(tokens), token: (t) => { tokens.push(t); if (tokens.length === 2) stop.abort(); } }, stop.signal);
    await expect(running).resolves.toMatchObject({ finishReason: 'aborted', completionTokens: 2 });
    expect(tokens.join('')).toBe('w1 w2 ');
  });

  it('switches engines when the chosen model needs the other runtime, unloading the first', async () => {
    const { host, log, createEngine } = setup();
    await host.select(fakeModel('g', 'cpu'));
    await host.generate(chat('x'), sink(), new AbortController().signal);
    await host.select(fakeModel('w', 'webllm'));
    await host.generate(chat('y'), sink(), new AbortController().signal);
    expect(createEngine.mock.calls.map((c) => c[0])).toEqual(['cpu', 'webllm']);
    expect(log).toContain('unload g');
  });

  it('turns away a generation at once when the queue is full, and takes new ones once it drains', async () => {
    const { host, log } = setup();
    await host.select(fakeModel('m1'));
    const accepted = Array.from({ length: MAX_QUEUED_GENERATIONS }, (_, i) => host.generate(chat(`q${i}`), sink(), new AbortController().signal));
    const queued: number[] = [];
    const extra = host.generate(chat('one too many'), { ...sink(), queued: (p) => queued.push(p) }, new AbortController().signal);
    await expect(extra).rejects.toBeInstanceOf(BusyError);
    await expect(extra).rejects.toThrow(`Hearth is busy: ${MAX_QUEUED_GENERATIONS} requests are already waiting`);
    expect(queued).toEqual([]); // never told it was queued
    expect((await host.status())).toMatchObject({ busy: 1, queued: MAX_QUEUED_GENERATIONS });
    await Promise.all(accepted);
    expect(log.filter((l) => l.startsWith('end'))).toEqual(Array.from({ length: MAX_QUEUED_GENERATIONS }, (_, i) => `end q${i}`));
    expect(log.join()).not.toContain('one too many');
    await expect(host.generate(chat('later'), sink(), new AbortController().signal)).resolves.toMatchObject({ finishReason: 'stop' });
    expect((await host.status())).toMatchObject({ served: MAX_QUEUED_GENERATIONS + 1, busy: 1, queued: 0 });
  });

  it('tells each waiting generation its place again as the line moves', async () => {
    const { host } = setup();
    await host.select(fakeModel('m1'));
    const places: Record<string, number[]> = { a: [], b: [], c: [] };
    const started: string[] = [];
    const run = (name: string) =>
      host.generate(chat(`${name}1 ${name}2`), { ...sink(), queued: (p) => places[name]!.push(p), backend: () => started.push(name) }, new AbortController().signal);
    await Promise.all([run('a'), run('b'), run('c')]);
    expect(places).toEqual({ a: [0], b: [1], c: [2, 1] });
    expect(started).toEqual(['a', 'b', 'c']);
  });

  it('stops an answer still waiting for its turn at once, and never runs it', async () => {
    const { host, log } = setup();
    await host.select(fakeModel('m1'));
    const first = host.generate(chat('f1 f2 f3 f4 f5 f6 f7 f8 f9 f10'), sink(), new AbortController().signal);
    const stop = new AbortController();
    const waiting = host.generate(chat('never'), sink(), stop.signal);
    await new Promise((r) => setTimeout(r, 5));
    stop.abort();
    await expect(waiting).resolves.toMatchObject({ finishReason: 'aborted', completionTokens: 0 });
    expect(log.at(-1)).not.toBe('end f1 f2 f3 f4 f5 f6 f7 f8 f9 f10'); // the first is still running
    await first;
    await expect(host.generate(chat('after'), sink(), new AbortController().signal)).resolves.toMatchObject({ finishReason: 'stop' });
    expect(log.join()).not.toContain('never');
    expect((await host.status())).toMatchObject({ served: 2, queued: 0, state: 'ready' });
  });

  it('unloads only after the running generation ends', async () => {
    const { host, log } = setup();
    await host.select(fakeModel('m1'));
    const gen = host.generate(chat('a b c'), sink(), new AbortController().signal);
    const unloaded = host.unload();
    await Promise.all([gen, unloaded]);
    expect(log.slice(-2)).toEqual(['end a b c', 'unload m1']);
    expect((await host.status()).state).toBe('idle');
  });
});

describe('LLM host settings and recovery', () => {
  it('frees the model after the idle minutes, and not while busy', async () => {
    const timers: Array<{ fn: () => void; ms: number }> = [];
    const log: string[] = [];
    const host = createLlmHost({
      detectBackend: async () => ({ engine: 'cpu', reason: 'test' }),
      createEngine: (k) => createFakeEngine(k, log),
      setTimeout: (fn, ms) => timers.push({ fn, ms }),
      clearTimeout: () => timers.splice(0),
    });
    await host.configure({ enginePreference: 'auto', idleUnloadMinutes: 5 });
    await host.select(fakeModel('m1'));
    await host.generate(chat('a'), sink(), new AbortController().signal);
    expect(timers).toHaveLength(1);
    expect(timers[0]!.ms).toBe(5 * 60_000);
    timers[0]!.fn();
    await new Promise((r) => setTimeout(r, 0));
    expect(log.at(-1)).toBe('unload m1');
    expect((await host.status()).loadedModelId).toBeNull();
    await host.configure({ enginePreference: 'auto', idleUnloadMinutes: 0 });
    await host.generate(chat('b'), sink(), new AbortController().signal);
    expect(timers).toHaveLength(0); // 0 = never
  });

  it('detects the backend again when the engine preference changes', async () => {
    const detect = vi.fn(async (p: string) => ({ engine: (p === 'cpu' ? 'cpu' : 'webllm') as EngineKind, reason: p }));
    const host = createLlmHost({ detectBackend: detect, createEngine: (k) => createFakeEngine(k) });
    expect((await host.status()).backend.engine).toBe('webllm');
    await host.configure({ enginePreference: 'cpu', idleUnloadMinutes: 5 });
    expect((await host.status()).backend.engine).toBe('cpu');
    expect(detect.mock.calls.map((c) => c[0])).toEqual(['auto', 'cpu']);
  });

  it('reloads the model and retries once when the GPU device is lost', async () => {
    const log: string[] = [];
    let failures = 1;
    const createEngine = (k: EngineKind) => {
      const e = createFakeEngine(k, log);
      const generate = e.generate.bind(e);
      e.generate = async (...args) => {
        if (failures-- > 0) throw new DeviceLostError('lost');
        return generate(...args);
      };
      return e;
    };
    const host = createLlmHost({ detectBackend: async () => ({ engine: 'cpu', reason: '' }), createEngine });
    await host.select(fakeModel('m1'));
    const tokens: string[] = [];
    await expect(host.generate(chat('x y'), sink(tokens), new AbortController().signal)).resolves.toMatchObject({ finishReason: 'stop' });
    expect(tokens.join('')).toBe('x y ');
    expect(log.filter((l) => l.startsWith('load'))).toEqual(['load m1', 'load m1']);
    failures = 2;
    await host.unload();
    await expect(host.generate(chat('z'), sink(), new AbortController().signal)).rejects.toBeInstanceOf(DeviceLostError);
  });
});
