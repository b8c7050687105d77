import { afterEach, describe, expect, it } from 'vitest';
import { makeTinyLlamaGguf, TINY_WORDS } from '../../../testkit/models/tiny-llama-gguf';
import { spawnNodeCpuWorker } from '../../../testkit/cpu-engine/spawn-node-worker';
import { createCpuEngine } from './cpu-engine';
import { createLlmHost, type GenerationSink } from '../host/llm-host';
import type { GenerateRequest, ModelSpec } from '../../messaging/protocol';
import type { LlmEngine } from '../engine';

const files: Record<string, Blob> = {
  tiny: new Blob([new Uint8Array(makeTinyLlamaGguf())]),
  random: new Blob([new Uint8Array(makeTinyLlamaGguf({ random: true, seed: 11 }))]),
  long: new Blob([new Uint8Array(makeTinyLlamaGguf({ contextLength: 4096 }))]),
};
const cache = { open: async (url: string) => files[url.slice(10, -5)] ?? null, download: async () => Promise.reject(new Error('not cached')) };
const model = (id: string): ModelSpec => ({ id, label: id, engine: 'cpu', source: `https://x/${id}.gguf`, contextTokens: 512 });
const completion = (prompt: string): GenerateRequest => ({ input: { kind: 'completion', prompt }, options: { temperature: 0, maxTokens: 16 } });
const PAGE = Array.from({ length: 40 }, (_, i) => TINY_WORDS[i % 20]).join(' ');

const engines: LlmEngine[] = [];
afterEach(async () => void (await Promise.all(engines.splice(0).map((e) => e.unload()))));

async function hostOn(id: string, deviceMemoryGb?: number) {
  const createWorker = await spawnNodeCpuWorker('wasm');
  const host = createLlmHost({
    detectBackend: async () => ({ engine: 'cpu', reason: 'test' }),
    createEngine: () => {
      const e = createCpuEngine({ cache, createWorker, threads: 1, deviceMemoryGb: () => deviceMemoryGb });
      engines.push(e);
      return e;
    },
  });
  await host.select(model(id));
  return host;
}

async function write(host: Awaited<ReturnType<typeof hostOn>>, request: GenerateRequest) {
  let text = '';
  const sink: GenerationSink = { queued() {}, backend() {}, progress() {}, token: (t) => void (text += t) };
  const stats = await host.generate(request, sink, new AbortController().signal);
  return { text, stats };
}

async function primedCount(host: Awaited<ReturnType<typeof hostOn>>, n: number) {
  while (((await host.status()).primed ?? 0) < n) await new Promise((r) => setTimeout(r, 5));
}

describe.each(['tiny', 'random'])('priming the real CPU engine through the host (%s model, wasm kernels, worker thread)', (id) => {
  it('refuses before a model is loaded, then reads the page so the question reuses it and writes the same text', { timeout: 60_000 }, async () => {
    const coldHost = await hostOn(id);
    const cold = await write(coldHost, completion(`${PAGE} nine ten`));

    const host = await hostOn(id);
    expect(await host.prime(completion(PAGE), 'tab:1')).toEqual({ accepted: false }); // no model loaded: none is loaded for it
    expect((await host.status()).loadedModelId).toBeNull();
    const other = await write(host, completion('one two three'));
    expect(other.stats.reusedTokens).toBe(0);
    expect(await host.prime(completion(PAGE), 'tab:1')).toEqual({ accepted: true });
    await primedCount(host, 1);
    const warm = await write(host, completion(`${PAGE} nine ten`));
    expect(warm.stats.reusedTokens).toBe(41); // BOS and the page's 40 words: the prime's whole prompt
    expect(warm.stats.promptTokens).toBe(43);
    expect(warm.text).toBe(cold.text);
    expect(warm.text.length).toBeGreaterThan(0);
    // The earlier answer's prompt is still in its own slot.
    expect((await write(host, completion('one two three four'))).stats.reusedTokens).toBe(4);
  });
});

describe('the CPU engine reports the context it chose', () => {
  it('takes the spec\'s context without a device memory, and a chosen one with it', { timeout: 60_000 }, async () => {
    const createWorker = await spawnNodeCpuWorker('reference');
    const plain = createCpuEngine({ cache, createWorker });
    engines.push(plain);
    await plain.load(model('long'), () => {});
    expect(plain.loadedContextTokens).toBe(512);
    // Trained on 4,096 positions, of 1 KiB of KV cache each: 8 GB leaves room for all of them in every slot.
    const roomy = createCpuEngine({ cache, createWorker, deviceMemoryGb: () => 8 });
    engines.push(roomy);
    await roomy.load(model('long'), () => {});
    expect(roomy.loadedContextTokens).toBe(4096);
  });

  it('the host\'s status gives the UI the chosen model with the context it really has, once loaded', { timeout: 60_000 }, async () => {
    const host = await hostOn('long', 8);
    expect((await host.status()).model?.contextTokens).toBe(512); // the spec's, before the load
    await write(host, completion('one two three'));
    expect((await host.status()).model).toMatchObject({ id: 'long', contextTokens: 4096 });
  });
});
