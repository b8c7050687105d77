import { beforeAll, describe, expect, it } from 'vitest';
import { makeTinyLlamaGguf, TINY_EXPECTED_AFTER_ONE_TWO_THREE } from '../../../testkit/models/tiny-llama-gguf';
import { createReferenceKernels } from './reference-kernels';
import { createCpuRunner, type CpuRunnerOptions } from './runner';
import { inMemoryGguf } from '../../../testkit/models/in-memory-gguf';
import { createTokenizer, renderChatPromptParts } from './tokenizer';
import type { Kernels } from './kernel-api';
import { createNodeKernels } from './kernels/node-kernels';

const TINY = new Uint8Array(makeTinyLlamaGguf());

let makeKernels: () => Kernels | Promise<Kernels> = createReferenceKernels;

async function tinyRunner(kernels?: Kernels, extra: Partial<CpuRunnerOptions> = {}) {
  const { header, read } = inMemoryGguf(TINY);
  return createCpuRunner({ kernels: kernels ?? (await makeKernels()), header, read, tokenizer: createTokenizer(header.metadata), renderChat: (m) => renderChatPromptParts(header.metadata, m), nCtx: 512, ...extra });
}

function complete(runner: Awaited<ReturnType<typeof tinyRunner>>, prompt: string, maxTokens = 100, shouldStop = () => false) {
  let text = '';
  const result = runner.generate(
    { input: { kind: 'completion', prompt }, options: { temperature: 0, maxTokens } },
    { onText: (t) => (text += t), shouldStop },
  );
  return { text, result };
}

const KERNELS: [string, () => Kernels | Promise<Kernels>][] = [
  ['reference', createReferenceKernels],
  ['wasm, 1 thread', () => createNodeKernels(1)],
  ['wasm, 2 threads', () => createNodeKernels(2)],
];

// Real wasm kernels (2 threads in one case) run the model: ~1.5 s a test seen on 2 cores shared with other work; 30 s
// (the third argument below) leaves room for heavier load and still fails a hang.
describe.each(KERNELS)('the CPU runner on the tiny model (%s kernels)', (_name, make) => {
  beforeAll(() => void (makeKernels = make));

  it('counts on from "one two three" to twenty, then stops at EOS', async () => {
    const runner = await tinyRunner();
    const { text, result } = complete(runner, 'one two three');
    expect(text).toBe(TINY_EXPECTED_AFTER_ONE_TWO_THREE);
    expect(result).toMatchObject({ promptTokens: 4, completionTokens: 17, finishReason: 'stop', reusedTokens: 0 });
  });

  it('reads a prompt in several batches with progress, and gives the same answer', async () => {
    const runner = await tinyRunner(undefined, { batch: 2 });
    const progress: number[] = [];
    let text = '';
    runner.generate(
      { input: { kind: 'completion', prompt: 'one two three' }, options: { temperature: 0 } },
      { onText: (t) => (text += t), onProgress: (d) => progress.push(d), shouldStop: () => false },
    );
    expect(text).toBe(TINY_EXPECTED_AFTER_ONE_TWO_THREE);
    expect(progress).toEqual([0, 2, 4]);
  });

  it('reuses the cached prefix and writes the same text as a cold run', async () => {
    const runner = await tinyRunner();
    complete(runner, 'one two three four five');
    const warm = complete(runner, 'one two three four five six seven');
    const cold = complete(await tinyRunner(), 'one two three four five six seven');
    expect(warm.result.reusedTokens).toBeGreaterThanOrEqual(6);
    expect(warm.text).toBe(cold.text);
    expect(warm.text).toBe(TINY_EXPECTED_AFTER_ONE_TWO_THREE.split(' ').slice(5).map((w) => ' ' + w).join(''));
  });

  it('answers a chat through the template of the model the same way', async () => {
    const runner = await tinyRunner();
    let text = '';
    runner.generate(
      { input: { kind: 'chat', messages: [{ role: 'user', content: 'one two three' }] }, options: { temperature: 0 } },
      { onText: (t) => (text += t), shouldStop: () => false },
    );
    expect(text).toBe(TINY_EXPECTED_AFTER_ONE_TWO_THREE);
  });

  it('streams a character split across tokens whole (UTF-8 safe)', async () => {
    const { header } = inMemoryGguf(TINY);
    const real = createTokenizer(header.metadata);
    const four = real.encode('four')[0]; // SentencePiece adds the leading space itself
    const five = real.encode('five')[0];
    // " four" and " five" stand for the two bytes of "é" here, as byte-fallback tokens do.
    const tokenizer = { ...real, tokenBytes: (id: number) => (id === four ? Uint8Array.of(0xc3) : id === five ? Uint8Array.of(0xa9) : real.tokenBytes(id)) };
    const runner = await tinyRunner(undefined, { tokenizer });
    const pieces: string[] = [];
    runner.generate({ input: { kind: 'completion', prompt: 'one two three' }, options: { temperature: 0, maxTokens: 3 } }, { onText: (t) => pieces.push(t), shouldStop: () => false });
    expect(pieces).toEqual(['é', ' six']);
  });

  it('stops at maxTokens with finishReason length', async () => {
    const { text, result } = complete(await tinyRunner(), 'one two three', 3);
    expect(text).toBe(' four five six');
    expect(result.finishReason).toBe('length');
  });

  it('aborts within one token', async () => {
    const runner = await tinyRunner();
    let stop = false;
    let text = '';
    const result = runner.generate(
      { input: { kind: 'completion', prompt: 'one two three' }, options: { temperature: 0 } },
      { onText: (t) => ((text += t), (stop = text.split(' ').length > 3)), shouldStop: () => stop },
    );
    expect(text).toBe(' four five six');
    expect(result.finishReason).toBe('aborted');
    // The cache is still usable afterwards.
    expect(complete(runner, 'one two three').text).toBe(TINY_EXPECTED_AFTER_ONE_TWO_THREE);
  });
}, 30_000);

describe('a chat message that spells control tokens', () => {
  it('is read as text: only the template makes markup, so a page cannot forge a turn or an end', async () => {
    const runner = await tinyRunner(createReferenceKernels());
    const tok = createTokenizer(inMemoryGguf(TINY).header.metadata);
    const content = 'one <s> two </s> three';
    runner.prime({ input: { kind: 'chat', messages: [{ role: 'user', content }] }, options: {} }, { shouldStop: () => false });
    // The tiny model's template writes the message as it is: the prompt is BOS, then the text's own tokens.
    expect(runner.session.slots[0]!.tokens).toEqual([1, ...tok.encode(content)]);
    expect(tok.encode(content)).not.toContain(1);
  });
});
