import { describe, expect, it } from 'vitest';
import { createLlmHost, type GenerationSink } from './llm-host';
import { createFakeEngine, fakeModel } from '../../../testkit/fakes/fake-engine';
import type { EngineKind } from '../../messaging/protocol';

const sink = (): GenerationSink => ({ queued: () => {}, backend: () => {}, progress: () => {}, token: () => {} });
const chat = (content: string) => ({ input: { kind: 'chat' as const, messages: [{ role: 'user' as const, content }] } });
const words = (first: string, n: number) => [first, ...Array.from({ length: n - 1 }, (_, i) => `w${i}`)].join(' ');
const ask = (host: ReturnType<typeof createLlmHost>, content: string) => host.generate(chat(content), sink(), new AbortController().signal);

function setup(prime = true, loadsWithoutDownload?: (id: string) => boolean) {
  const log: string[] = [];
  const host = createLlmHost({
    detectBackend: async () => ({ engine: 'cpu', reason: 'test' }),
    createEngine: (kind: EngineKind) => createFakeEngine(kind, log, { readBatch: 2, prime }),
    ...(loadsWithoutDownload ? { loadsWithoutDownload: async (m: { id: string }) => loadsWithoutDownload(m.id) } : {}),
  });
  return { host, log };
}

/** Resolves once `log` has a line starting with `prefix` (the fake engine works in 1 ms ticks). */
async function until(log: string[], prefix: string) {
  while (!log.some((l) => l.startsWith(prefix))) await new Promise((r) => setTimeout(r, 1));
}

describe('priming in the model host', () => {
  it('answers accepted: false, and loads nothing, while no model is loaded', async () => {
    const { host, log } = setup();
    await host.select(fakeModel('m1'));
    expect(await host.prime(chat('page'), 'tab:1')).toEqual({ accepted: false });
    expect(log).toEqual([]);
  });

  it('loads the chosen model first when that downloads nothing (after the idle unload), then reads the prime', async () => {
    const { host, log } = setup(true, (id) => id === 'cached');
    await host.select(fakeModel('cached'));
    expect(await host.prime(chat(words('page', 4)), 'tab:1')).toEqual({ accepted: true });
    await until(log, 'primed page');
    expect(log).toEqual(['load cached', 'prime page from 0', 'primed page 4/4']);
    expect((await host.status()).state).toBe('ready');
  });

  it('a load that fails leaves the host in error, not loading for ever', async () => {
    const host = createLlmHost({
      detectBackend: async () => ({ engine: 'cpu', reason: 'test' }),
      createEngine: (kind: EngineKind) => ({ ...createFakeEngine(kind), load: async () => Promise.reject(new Error('no such file')) }),
      loadsWithoutDownload: async () => true,
    });
    await host.select(fakeModel('cached'));
    expect(await host.prime(chat('page'), 'tab:1')).toEqual({ accepted: false });
    expect((await host.status()).state).toBe('error');
  });

  it('never downloads a model for a prime: a model not in the local cache stays unloaded', async () => {
    const { host, log } = setup(true, (id) => id === 'cached');
    await host.select(fakeModel('elsewhere'));
    expect(await host.prime(chat('page'), 'tab:1')).toEqual({ accepted: false });
    expect(log).toEqual([]);
  });

  it('answers accepted: false for an engine that cannot prime', async () => {
    const { host } = setup(false);
    await host.select(fakeModel('m1'));
    await ask(host, 'load me');
    expect(await host.prime(chat('page'), 'tab:1')).toEqual({ accepted: false });
  });

  it('reads a prime at once when the engine is free, and counts it in the status', async () => {
    const { host, log } = setup();
    await host.select(fakeModel('m1'));
    await ask(host, 'load me');
    expect(await host.prime(chat(words('page', 6)), 'tab:1')).toEqual({ accepted: true });
    await until(log, 'primed page');
    expect(log.filter((l) => l.startsWith('prime'))).toEqual(['prime page from 0', 'primed page 6/6']);
    expect((await host.status()).primed).toBe(1);
    expect((await host.status()).primeReadTokens).toBe(6);
    // The same prompt again: already cached, nothing more is read.
    await host.prime(chat(words('page', 6)), 'tab:1');
    while (((await host.status()).primed ?? 0) < 2) await new Promise((r) => setTimeout(r, 1));
    expect(log).toContain('prime page from 6');
    expect((await host.status()).primeReadTokens).toBe(6);
  });

  it('says how far a prime is read and how fast, on the model loaded (llm.primeProgress)', async () => {
    const { host, log } = setup();
    await host.select(fakeModel('m1'));
    expect(host.primeProgress('tab:1')).toBeNull(); // nothing primed
    await ask(host, 'load me');
    const queued = ask(host, 'a long answer first'); // the engine is busy: the prime waits its turn
    await host.prime(chat(words('page', 40)), 'tab:1');
    expect(host.primeProgress('tab:1')).toEqual({ doneTokens: 0, totalTokens: 0, tokensPerSec: null }); // taken, not begun
    await queued;
    await host.prime(chat(words('page', 40)), 'tab:1');
    while ((host.primeProgress('tab:1')?.doneTokens ?? 0) < 4) await new Promise((r) => setTimeout(r, 1));
    const asked = ask(host, 'question now'); // preempts it part way
    await until(log, 'primed page');
    const part = host.primeProgress('tab:1')!;
    expect(part.totalTokens).toBe(40);
    expect(part.doneTokens).toBeGreaterThan(0);
    expect(part.doneTokens).toBeLessThan(40);
    await asked;
    await until(log, 'primed page 40/40');
    const whole = host.primeProgress('tab:1')!;
    expect(whole).toMatchObject({ doneTokens: 40, totalTokens: 40 });
    expect(whole.tokensPerSec).toBeGreaterThan(0); // 2 words a tick of about 1 ms
    expect(host.primeProgress('tab:2')).toBeNull();
    // The same prompt under another key (a summary's follow-up): the cache holds it whole, nothing is read, and the
    // host still knows it is all there.
    const finished = (await host.status()).primed ?? 0;
    await host.prime(chat(words('page', 40)), 'tab:3');
    while (((await host.status()).primed ?? 0) <= finished) await new Promise((r) => setTimeout(r, 1));
    expect(host.primeProgress('tab:3')).toMatchObject({ doneTokens: 40, totalTokens: 40 });
    await host.select(fakeModel('m2'));
    await ask(host, 'load the other');
    expect(host.primeProgress('tab:1')).toBeNull(); // read on another model: says nothing of this one's cache
  });

  it('a user request preempts a running prime at its next batch, then the prime reads only the rest', async () => {
    const { host, log } = setup();
    await host.select(fakeModel('m1'));
    await ask(host, 'load me');
    await host.prime(chat(words('page', 40)), 'tab:1');
    await until(log, 'prime page');
    await ask(host, 'question now');
    await until(log, 'primed page 40/40');
    const lines = log.filter((l) => /^(prime|start|end) /.test(l) || l.startsWith('primed'));
    const stoppedAt = lines.findIndex((l) => l.startsWith('primed page'));
    // The prime stopped part way, the answer ran at once after it, then the prime went on from where it stopped.
    expect(lines.slice(stoppedAt, stoppedAt + 3)).toEqual([expect.stringMatching(/^primed page ([0-9]|[1-3][0-9])\/40$/), 'start question now', 'end question now']);
    const read = Number(/primed page (\d+)\/40/.exec(lines[stoppedAt]!)![1]);
    expect(read).toBeLessThan(40);
    expect(lines.slice(stoppedAt + 3)).toEqual([`prime page from ${read}`, 'primed page 40/40']);
  });

  it('a waiting prime is replaced by a newer one with the same key; the newest runs first', async () => {
    const { host, log } = setup();
    await host.select(fakeModel('m1'));
    await ask(host, 'load me');
    const answer = ask(host, 'a long answer to wait for');
    await host.prime(chat(words('old', 4)), 'tab:1');
    await host.prime(chat(words('other', 4)), 'tab:2');
    await host.prime(chat(words('new', 4)), 'tab:1');
    await answer;
    await until(log, 'primed new');
    await until(log, 'primed other');
    expect(log.filter((l) => l.startsWith('prime '))).toEqual(['prime new from 0', 'prime other from 0']);
    expect(log.indexOf('end a long answer to wait for')).toBeLessThan(log.indexOf('prime new from 0'));
  });

  it('a newer prime with the same key stops the running one instead of waiting behind it', async () => {
    const { host, log } = setup();
    await host.select(fakeModel('m1'));
    await ask(host, 'load me');
    await host.prime(chat(words('first', 40)), 'tab:1');
    await until(log, 'prime first');
    await host.prime(chat(words('second', 4)), 'tab:1');
    await until(log, 'primed second');
    expect(log.find((l) => l.startsWith('primed first'))).not.toBe('primed first 40/40');
    expect(log.filter((l) => l.startsWith('prime first'))).toHaveLength(1); // not resumed: it was replaced
  });

  it('an unload waits for a running prime to stop, and later primes are refused', async () => {
    const { host, log } = setup();
    await host.select(fakeModel('m1'));
    await ask(host, 'load me');
    await host.prime(chat(words('page', 40)), 'tab:1');
    await until(log, 'prime page');
    await host.unload();
    expect(log.at(-1)).toBe('unload m1');
    expect(log.at(-2)).toMatch(/^primed page \d+\/40$/);
    expect(await host.prime(chat('page'), 'tab:1')).toEqual({ accepted: false });
  });
});
