import { describe, expect, it } from 'vitest';
import { createModelSlot, ggufLoadFailed, readCompletionStream, slotEngine, writingFailed } from './engine-common';
import { GenerationError, ModelLoadError } from '../messaging/errors';
import type { ModelSpec } from '../messaging/protocol';

async function* chunks(...pieces: Array<{ text?: string; delta?: string; finish?: string }>) {
  for (const p of pieces) yield { choices: [{ text: p.text, delta: p.delta === undefined ? undefined : { content: p.delta }, finish_reason: p.finish ?? null }] };
}

describe('readCompletionStream (the streaming shared by WebLLM and wllama)', () => {
  it('passes chat deltas and completion text on, times the first piece, and notes a stop on length', async () => {
    let clock = 10;
    const seen: string[] = [];
    const r = await readCompletionStream(chunks({ delta: '' }, { delta: 'Hel' }, { text: 'lo' }, { finish: 'length' }), (t) => seen.push(t), new AbortController().signal, () => clock++);
    expect(seen).toEqual(['Hel', 'lo']);
    expect(r).toMatchObject({ firstTokenAt: 10, pieces: 2, finish: 'length' });
    expect(r.last?.choices[0]?.finish_reason).toBe('length');
  });

  it('stops reading once aborted', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const r = await readCompletionStream(chunks({ delta: 'a' }, { delta: 'b' }, { delta: 'c' }), (t) => (seen.push(t), controller.abort()), controller.signal, () => 0);
    expect(seen).toEqual(['a']);
    expect(r.finish).toBe('stop');
  });
});

describe('failures in words', () => {
  const model: ModelSpec = { id: 'm', label: 'Smol', engine: 'cpu', source: 'https://x/m.gguf', contextTokens: 512 };
  it('says a model does not fit in memory, or could not be read, and keeps a load error as it is', () => {
    expect(ggufLoadFailed(model, new Error('Cannot allocate 900 MB')).message).toBe('Smol does not fit in memory here. Choose a smaller model.');
    expect(ggufLoadFailed(model, new Error('bad magic')).message).toBe('Smol could not be loaded: bad magic. Is it a valid GGUF model?');
    const own = new ModelLoadError('as it was');
    expect(ggufLoadFailed(model, own)).toBe(own);
    expect(writingFailed(new Error('boom'))).toBeInstanceOf(GenerationError);
    expect(writingFailed(new Error('boom')).message).toBe('The model failed while writing: boom');
  });
});

describe('slotEngine (the model slot behind WebLLM and wllama)', () => {
  it('says which model and runtime it holds, refuses to generate without one, and frees on unload', async () => {
    const freed: string[] = [];
    const slot = createModelSlot<string>(async (r) => freed.push(r));
    const engine = slotEngine('webllm', 'webllm', slot, { load: async () => {}, generate: async () => ({ promptTokens: 0, completionTokens: 0, timeToFirstTokenMs: 0, finishReason: 'stop' }) });
    expect(engine.kind).toBe('webllm');
    expect([engine.loadedModelId, engine.loadedRuntime]).toEqual([null, null]);
    expect(() => slot.loaded()).toThrow(GenerationError);
    slot.hold('runtime-a', 'model-a');
    expect([engine.loadedModelId, engine.loadedRuntime]).toEqual(['model-a', { name: 'webllm' }]);
    expect(slot.loaded()).toBe('runtime-a');
    await engine.unload();
    expect(freed).toEqual(['runtime-a']);
    expect(engine.loadedModelId).toBeNull();
  });
});
