import { describe, expect, it } from 'vitest';
import { makeTinyLlamaGguf } from '../../../testkit/models/tiny-llama-gguf';
import { inMemoryGguf } from '../../../testkit/models/in-memory-gguf';
import { createReferenceKernels } from './reference-kernels';
import { createNodeKernels } from './kernels/node-kernels';
import { createCpuRunner } from './runner';
import { createTokenizer, renderChatPromptParts } from './tokenizer';
import type { Kernels } from './kernel-api';
import type { GenerateRequest } from '../../messaging/protocol';

// Random weights: every answer depends on every cached key and value, so a wrong or stale cache row changes the text.
const RANDOM = new Uint8Array(makeTinyLlamaGguf({ random: true, seed: 7 }));

async function runner(kernels: Kernels, slots = 3, batch = 4) {
  const { header, read } = inMemoryGguf(RANDOM);
  return createCpuRunner({ kernels, header, read, tokenizer: createTokenizer(header.metadata), renderChat: (m) => renderChatPromptParts(header.metadata, m), nCtx: 256, batch, slots });
}
type Runner = Awaited<ReturnType<typeof runner>>;

const completion = (prompt: string): GenerateRequest => ({ input: { kind: 'completion', prompt }, options: { temperature: 0, maxTokens: 12 } });
const PAGE = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen';
const never = () => false;

function write(r: Runner, prompt: string) {
  let text = '';
  const result = r.generate(completion(prompt), { onText: (t) => (text += t), shouldStop: never });
  return { text, result };
}

describe.each([
  ['reference', () => createReferenceKernels()],
  ['wasm, 1 thread', () => createNodeKernels(1)],
] as const)('KV cache slots and priming (%s kernels, random weights)', (_name, make) => {
  it('a primed prompt is not read again: the answer reuses it and is the same text as a cold run', async () => {
    const cold = write(await runner(await make()), `${PAGE} twenty`);
    const warm = await runner(await make());
    const primed = warm.prime(completion(PAGE), { shouldStop: never });
    expect(primed).toMatchObject({ finishReason: 'stop', reusedTokens: 0 });
    expect(primed.cachedTokens).toBe(primed.promptTokens);
    const after = write(warm, `${PAGE} twenty`);
    expect(after.result.reusedTokens).toBe(primed.promptTokens);
    expect(after.text).toBe(cold.text);
    expect(after.text.length).toBeGreaterThan(0);
  });

  it('keeps a primed page for a second question: each question reads only its own tokens', async () => {
    const cold = write(await runner(await make()), `${PAGE} eleven`);
    const r = await runner(await make());
    const primed = r.prime(completion(PAGE), { shouldStop: never });
    expect(write(r, `${PAGE} twenty`).result.reusedTokens).toBe(primed.promptTokens);
    const second = write(r, `${PAGE} eleven`);
    expect(second.result.reusedTokens).toBe(primed.promptTokens);
    expect(second.text).toBe(cold.text);
    // The first question extended the page's slot; the second went to another, from a copy of the page.
    expect(r.session.slots.filter((s) => s.tokens.length > primed.promptTokens)).toHaveLength(2);
  });

  it('a stopped prime keeps what it read, and a later prompt reads only the rest', async () => {
    const cold = write(await runner(await make()), `${PAGE} twenty`);
    const r = await runner(await make(), 3, 4);
    let batches = 0;
    const stopped = r.prime(completion(PAGE), { onProgress: () => void batches++, shouldStop: () => batches > 2 });
    expect(stopped.finishReason).toBe('aborted');
    expect(stopped.cachedTokens).toBe(8); // two batches of 4
    expect(r.session.slots.map((s) => s.tokens.length).sort()).toEqual([0, 0, 8]);
    const after = write(r, `${PAGE} twenty`);
    expect(after.result.reusedTokens).toBe(8);
    expect(after.text).toBe(cold.text);
  });

  it('a prime stopped inside a batch (between layers) keeps only whole batches, and the answer after it is unchanged', async () => {
    const cold = write(await runner(await make()), `${PAGE} twenty`);
    const r = await runner(await make(), 3, 4);
    let batches = 0;
    let checks = 0;
    // The flag goes up during the third batch: after its first layer, before the second.
    const stopped = r.prime(completion(PAGE), { onProgress: () => void batches++, shouldStop: () => batches === 3 && ++checks > 2 });
    expect(stopped.finishReason).toBe('aborted');
    expect(checks).toBe(3); // before the batch, before layer 1, before layer 2: stopped there
    expect(stopped.cachedTokens).toBe(8);
    expect(r.session.slots.map((s) => s.tokens.length).sort()).toEqual([0, 0, 8]);
    // The third batch's first layer wrote keys and values at positions 8–11; the next read writes over them.
    const after = write(r, `${PAGE} twenty`);
    expect(after.result.reusedTokens).toBe(8);
    expect(after.text).toBe(cold.text);
  });

  it('evicts the least recently used prompt when every slot is taken', async () => {
    const r = await runner(await make(), 2);
    r.prime(completion('one two three four'), { shouldStop: never });
    r.prime(completion('five six seven eight'), { shouldStop: never });
    write(r, 'one two three four nine'); // touches the first slot
    r.prime(completion('ten eleven twelve'), { shouldStop: never }); // evicts "five six seven eight"
    expect(write(r, 'five six seven eight nine').result.reusedTokens).toBe(1); // BOS only, from the copy of a shared start
    expect(write(r, 'ten eleven twelve thirteen').result.reusedTokens).toBe(4);
  });

  it('priming what is cached already reads nothing', async () => {
    const r = await runner(await make());
    const first = r.prime(completion(PAGE), { shouldStop: never });
    const again = r.prime(completion(PAGE), { shouldStop: never });
    expect(again).toMatchObject({ reusedTokens: first.promptTokens, cachedTokens: first.promptTokens, finishReason: 'stop' });
  });
});
