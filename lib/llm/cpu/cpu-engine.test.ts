import { afterEach, describe, expect, it } from 'vitest';
import { makeTinyLlamaGguf, TINY_EXPECTED_AFTER_ONE_TWO_THREE, TINY_WORDS } from '../../../testkit/models/tiny-llama-gguf';
import { createCpuEngine } from './cpu-engine';
import { spawnNodeCpuWorker } from '../../../testkit/cpu-engine/spawn-node-worker';
import { UnsupportedModelError } from './model-config';
import { ContextOverflowError, GenerationError, ModelLoadError } from '../../messaging/errors';
import type { WorkerLike } from './worker-client';
import type { ReadingProgress } from '../../messaging/protocol';
import type { LlmEngine } from '../engine';
import type { ModelSpec } from '../../messaging/protocol';

const model = (id: string): ModelSpec => ({ id, label: id, engine: 'cpu', source: `https://x/${id}.gguf`, contextTokens: 1024 });
const files: Record<string, Blob> = {
  'tiny': new Blob([new Uint8Array(makeTinyLlamaGguf())]),
  'counting': new Blob([new Uint8Array(makeTinyLlamaGguf({ loop: true, nEmbd: 256, nLayer: 8, nFf: 1024, nCtx: 4096 }))]),
};
const cache = {
  open: async (url: string) => files[url.slice(10, -5)] ?? null,
  download: async () => {
    throw new Error('not cached');
  },
};

let engine: LlmEngine | null = null;
afterEach(async () => engine?.unload());

async function start(id: string) {
  engine = createCpuEngine({ cache, createWorker: await spawnNodeCpuWorker('reference') });
  await engine.load(model(id), () => {});
  return engine;
}

async function ask(e: LlmEngine, content: string, maxTokens = 100, signal = new AbortController().signal, onText = (_: string) => {}) {
  let text = '';
  const stats = await e.generate(
    { input: { kind: 'chat', messages: [{ role: 'user', content }] }, options: { temperature: 0, maxTokens } },
    (t) => ((text += t), onText(text)),
    signal,
  );
  return { text, stats };
}

// A real worker thread loads and runs the model: 1–3 s alone, over 5 s (Vitest's default) on 2 cores shared with other
// work (three tests timed out at 5.0 s; the reading-progress one then took 23 s). 60 s leaves room for that and still
// fails a hung worker.
describe('the CPU engine in a worker thread (reference kernels)', { timeout: 60_000 }, () => {
  it('writes the exact answer, with stats', async () => {
    const { text, stats } = await ask(await start('tiny'), 'one two three');
    expect(text).toBe(TINY_EXPECTED_AFTER_ONE_TWO_THREE);
    expect(stats).toMatchObject({ promptTokens: 4, reusedTokens: 0, completionTokens: 17, finishReason: 'stop' });
    expect(stats.prefillTokensPerSec).toBeGreaterThan(0);
    expect(stats.decodeTokensPerSec).toBeGreaterThan(0);
  });

  it('stops within a token when aborted from this thread while the worker computes', async () => {
    const e = await start('counting');
    const controller = new AbortController();
    const { text, stats } = await ask(e, 'one two three', 3000, controller.signal, (t) => {
      if (t.split(' ').length > 10) controller.abort();
    });
    expect(stats.finishReason).toBe('aborted');
    const n = text.split(' ').length - 1;
    expect(n).toBeGreaterThanOrEqual(10);
    expect(n).toBeLessThan(40);
    expect(text).toBe(Array.from({ length: n }, (_, i) => ` ${TINY_WORDS[(i + 3) % 20]}`).join(''));
    // The engine still answers afterwards, and the answer reads the shared prefix from the cache.
    const again = await ask(e, 'one two three', 5);
    expect(again.text).toBe(' four five six seven eight');
    // All of the prompt but its last token (read again for its logits) came from the cache.
    expect(again.stats).toMatchObject({ promptTokens: 4, reusedTokens: 3 });
  });

  it('reports reading progress batch by batch, counts tokens with the model\'s tokenizer, refuses an over-long prompt', async () => {
    const e = await start('counting');
    expect(await e.countTokens!('one two three')).toBe(3);
    const words = Array.from({ length: 300 }, (_, i) => TINY_WORDS[i % 20]).join(' ');
    expect(await e.countTokens!(words)).toBe(300);
    const seen: ReadingProgress[] = [];
    const stats = await e.generate(
      { input: { kind: 'completion', prompt: words }, options: { temperature: 0, maxTokens: 2 } },
      () => {},
      new AbortController().signal,
      (p) => seen.push(p),
    );
    // BOS + 300 words, read 64 at a time: the count climbs to the whole prompt, with a rate once something was read.
    expect(seen.at(-1)).toMatchObject({ doneTokens: 301, totalTokens: 301 });
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect(seen.map((p) => p.doneTokens)).toEqual([...seen.map((p) => p.doneTokens)].sort((a, b) => a - b));
    expect(seen.at(-1)!.tokensPerSec).toBeGreaterThan(0);
    expect(stats.promptTokens).toBe(301);
    const tooLong = Array.from({ length: 5000 }, () => 'one').join(' ');
    await expect(ask(e, tooLong, 2)).rejects.toBeInstanceOf(ContextOverflowError);
    expect((await ask(e, 'one two three', 3)).text).toBe(' four five six'); // still answers afterwards
  });

  it('answers a token count asked while an answer streams after that answer, without disturbing it', async () => {
    const e = await start('counting');
    let counted: Promise<number> | null = null;
    const { text } = await ask(e, 'one two three', 30, new AbortController().signal, (t) => {
      counted ??= e.countTokens!('one two three four');
    });
    expect(text).toBe(Array.from({ length: 30 }, (_, i) => ` ${TINY_WORDS[(i + 3) % 20]}`).join(''));
    expect(await counted).toBe(4);
  });

  it('fails a load that makes no progress with ModelLoadError, and ends the silent worker', async () => {
    let terminated = false;
    const silent = () => ({ postMessage() {}, addEventListener() {}, terminate: () => void (terminated = true) });
    engine = createCpuEngine({ cache, createWorker: silent, stallMs: 50 });
    await expect(engine.load(model('tiny'), () => {})).rejects.toBeInstanceOf(ModelLoadError);
    expect(terminated).toBe(true);
    expect(engine.loadedModelId).toBeNull();
  });

  it('ends a worker stuck in an answer within the stall bound, with a clear error; its memory freed, the next load answers', async () => {
    const real = await spawnNodeCpuWorker('reference');
    let stuck = false;
    let terminated = 0;
    // A worker that takes the request and never says another word (a helper thread that never returns).
    const createWorker = (): WorkerLike => {
      const w = real();
      return {
        postMessage: (m) => (stuck && m.type === 'generate' ? undefined : w.postMessage(m)),
        addEventListener: w.addEventListener.bind(w) as WorkerLike['addEventListener'],
        terminate: () => void (terminated++, w.terminate()),
      };
    };
    engine = createCpuEngine({ cache, createWorker, stallMs: 4000 });
    await engine.load(model('tiny'), () => {});
    stuck = true;
    const started = Date.now();
    const err = await ask(engine, 'one two three').catch((x: unknown) => x);
    expect(err).toBeInstanceOf(GenerationError);
    expect((err as Error).message).toBe("The model failed while writing: Hearth's CPU engine made no progress for 4 s and was stopped; its memory is freed, and the next request loads the model again.");
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(terminated).toBe(1); // ended: a WebAssembly memory is only given back with its worker
    expect(engine.loadedModelId).toBeNull(); // so the host loads the model again for the next request
    stuck = false;
    await engine.load(model('tiny'), () => {});
    expect((await ask(engine, 'one two three')).text).toBe(TINY_EXPECTED_AFTER_ONE_TWO_THREE);
  });

  it('loads with the model\'s thread count when it has one, else the engine\'s', async () => {
    const spawn = await spawnNodeCpuWorker('reference');
    const asked: number[] = [];
    const recording = () => {
      const w = spawn();
      return { ...w, addEventListener: w.addEventListener.bind(w), terminate: () => w.terminate(), postMessage: (m: Parameters<typeof w.postMessage>[0]) => (m.type === 'load' && asked.push(m.threads), w.postMessage(m)) };
    };
    engine = createCpuEngine({ cache, createWorker: recording, threads: 1 });
    await engine.load({ ...model('tiny'), threads: 2 }, () => {});
    await engine.load(model('tiny'), () => {});
    expect(asked).toEqual([2, 1]);
    expect((await ask(engine, 'one two three')).text).toBe(TINY_EXPECTED_AFTER_ONE_TWO_THREE);
  });

  it('refuses an architecture it does not run with UnsupportedModelError', async () => {
    const bytes = new Uint8Array(makeTinyLlamaGguf());
    const at = Buffer.from(bytes).indexOf('llama.context_length');
    // Rename the architecture in place ("llama" → "lxama"): same length, so the file stays valid.
    const archAt = Buffer.from(bytes).indexOf('llama', Buffer.from(bytes).indexOf('general.architecture') + 25);
    expect(archAt).toBeLessThan(at);
    bytes[archAt + 1] = 'x'.charCodeAt(0);
    files['odd'] = new Blob([bytes]);
    engine = createCpuEngine({ cache, createWorker: await spawnNodeCpuWorker('reference') });
    await expect(engine.load(model('odd'), () => {})).rejects.toBeInstanceOf(UnsupportedModelError);
  });
});
