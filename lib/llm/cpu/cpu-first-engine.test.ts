import { describe, expect, it, vi } from 'vitest';
import { makeTinyLlamaGguf } from '../../../testkit/models/tiny-llama-gguf';
import { createCpuFirstEngine } from './cpu-first-engine';
import { UnsupportedModelError } from './model-config';
import { ModelDownloadError, ModelLoadError } from '../../messaging/errors';
import type { LlmEngine } from '../engine';
import type { ModelSpec } from '../../messaging/protocol';

const model: ModelSpec = { id: 'm', label: 'M', engine: 'cpu', source: 'https://x/m.gguf', contextTokens: 512 };

function engine(name: string, load: () => Promise<void> = async () => {}): LlmEngine & { name: string } {
  let loaded: string | null = null;
  return {
    name,
    kind: 'cpu',
    get loadedModelId() {
      return loaded;
    },
    get loadedRuntime() {
      return loaded ? { name: name === 'cpu' ? ('hearth' as const) : ('wllama' as const) } : null;
    },
    load: vi.fn(async (m: ModelSpec) => {
      await load();
      loaded = m.id;
    }),
    generate: vi.fn(async (_r, onToken) => (onToken(name), { promptTokens: 1, completionTokens: 1, timeToFirstTokenMs: 0, finishReason: 'stop' as const })),
    unload: vi.fn(async () => void (loaded = null)),
  };
}

const tiny = () => new Uint8Array(makeTinyLlamaGguf());
function renamedArch() {
  const bytes = tiny();
  const at = Buffer.from(bytes).indexOf('llama', Buffer.from(bytes).indexOf('general.architecture') + 25);
  bytes[at + 1] = 'x'.charCodeAt(0); // "lxama"
  return bytes;
}
const cacheOf = (bytes: Uint8Array | null) => ({ open: async () => (bytes ? new Blob([bytes as Uint8Array<ArrayBuffer>]) : null) });

async function answer(e: LlmEngine) {
  let text = '';
  await e.generate({ input: { kind: 'completion', prompt: 'x' } }, (t) => (text += t), new AbortController().signal);
  return text;
}

describe('createCpuFirstEngine', () => {
  it('runs a supported cached model on the CPU engine', async () => {
    const cpu = engine('cpu');
    const fallback = engine('wllama');
    const e = createCpuFirstEngine({ cpu, fallback, cache: cacheOf(tiny()) });
    await e.load(model, () => {});
    expect(await answer(e)).toBe('cpu');
    expect(fallback.load).not.toHaveBeenCalled();
    expect(e.loadedModelId).toBe('m');
    expect(e.loadedRuntime).toEqual({ name: 'hearth' });
  });

  it('sends a cached model of another architecture to wllama without starting the CPU engine', async () => {
    const cpu = engine('cpu');
    const fallback = engine('wllama');
    const choices: string[] = [];
    const e = createCpuFirstEngine({ cpu, fallback, cache: cacheOf(renamedArch()), onChoice: (_id, which, why) => choices.push(`${which}: ${why}`) });
    await e.load(model, () => {});
    expect(cpu.load).not.toHaveBeenCalled();
    expect(await answer(e)).toBe('wllama');
    expect(choices[0]).toMatch(/wllama: .*lxama/);
    expect(e.loadedRuntime).toEqual({ name: 'wllama', reason: choices[0]!.slice('wllama: '.length) }); // the engine line says why
  });

  it('falls back to wllama when the CPU engine refuses the model after downloading it', async () => {
    const cpu = engine('cpu', async () => {
      throw new UnsupportedModelError('Q6_K');
    });
    const fallback = engine('wllama');
    const e = createCpuFirstEngine({ cpu, fallback, cache: cacheOf(null) });
    await e.load(model, () => {});
    expect(await answer(e)).toBe('wllama');
  });

  it('reports a crash of its own engine as what it is, naming the model and the engine: never a silent wllama', async () => {
    for (const failure of [new Error('memory access out of bounds'), new RangeError('WebAssembly.Memory(): could not allocate memory')]) {
      const cpu = engine('cpu', async () => {
        throw failure;
      });
      const fallback = engine('wllama');
      const e = createCpuFirstEngine({ cpu, fallback, cache: cacheOf(tiny()) });
      const err = await e.load(model, () => {}).catch((x: unknown) => x);
      expect(err).toBeInstanceOf(ModelLoadError);
      expect((err as Error).message).toBe(`Hearth's CPU engine could not load M: ${failure.message}`);
      expect(fallback.load).not.toHaveBeenCalled();
      expect(cpu.unload).toHaveBeenCalled(); // its memory is given back
      expect(e.loadedModelId).toBeNull();
    }
  });

  it('does not retry a failed download with wllama', async () => {
    const cpu = engine('cpu', async () => {
      throw new ModelDownloadError('offline');
    });
    const fallback = engine('wllama');
    const e = createCpuFirstEngine({ cpu, fallback, cache: cacheOf(null) });
    await expect(e.load(model, () => {})).rejects.toBeInstanceOf(ModelDownloadError);
    expect(fallback.load).not.toHaveBeenCalled();
  });
});

describe('createCpuFirstEngine: what passes through to the engine that holds the model', () => {
  it('forwards reading progress, and counts tokens only while an engine with a tokenizer holds the model', async () => {
    const cpu = { ...engine('cpu'), countTokens: vi.fn(async (t: string) => t.length) };
    cpu.generate = vi.fn(async (_r, onToken, _s, onReading) => {
      onReading?.({ doneTokens: 5, totalTokens: 10 });
      onToken('cpu');
      return { promptTokens: 10, completionTokens: 1, timeToFirstTokenMs: 0, finishReason: 'stop' as const };
    });
    const e = createCpuFirstEngine({ cpu, fallback: engine('wllama'), cache: cacheOf(tiny()) });
    await e.load(model, () => {});
    const seen: number[] = [];
    await e.generate({ input: { kind: 'completion', prompt: 'x' } }, () => {}, new AbortController().signal, (p) => seen.push(p.doneTokens));
    expect(seen).toEqual([5]);
    expect(await e.countTokens!('four')).toBe(4);

    const viaWllama = createCpuFirstEngine({ cpu, fallback: engine('wllama'), cache: cacheOf(renamedArch()) });
    await viaWllama.load(model, () => {});
    expect(viaWllama.countTokens).toBeUndefined();
  });
});
