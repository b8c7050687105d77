import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeSizedGguf, SIZED_SHAPES } from './sized-gguf';
import { inMemoryGguf } from './in-memory-gguf';
import { loadGemmaHf } from '../tokenizer/gemma-metadata';
import { readModelConfig } from '../../lib/llm/cpu/model-config';
import { createTokenizer, renderChatPrompt } from '../../lib/llm/cpu/tokenizer';
import { createNodeKernels } from '../../lib/llm/cpu/kernels/node-kernels';
import { loadModel } from '../../lib/llm/cpu/load-model';
import { createForward } from '../../lib/llm/cpu/forward';

const dir = mkdtempSync(join(tmpdir(), 'sized-gemma-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the Gemma 3 sized shapes', () => {
  it('gemma-3-270m: the real shape, Gemma 3\'s real vocabulary and template, and the CPU engine runs it', async () => {
    const out = join(dir, 'gemma.gguf');
    makeSizedGguf({ out, shape: 'gemma-3-270m', layers: 6 });
    const { header, read } = inMemoryGguf(new Uint8Array(readFileSync(out)));
    const config = readModelConfig(header);
    const s = SIZED_SHAPES['gemma-3-270m'];
    expect(config).toMatchObject({ arch: 'gemma3', nEmbd: s.embd, nLayer: 6, nHead: 4, nKvHead: 1, headDim: 256, nFf: s.ff, nVocab: 262144 });
    expect(config.gemma3).toMatchObject({ slidingWindow: 512, swaPattern: 6 });
    expect(header.tensors.find((t) => t.name === 'blk.5.post_ffw_norm.weight')?.dims).toEqual([640]);
    expect(header.tensors.some((t) => t.name === 'output.weight')).toBe(false); // tied

    const m = header.metadata;
    const tok = createTokenizer(m);
    expect(tok.vocabSize).toBe(262144);
    const ids = tok.encode('Hello world, naïve café!', { addBos: true });
    // Gemma's own pieces: the ids its tokenizer.json gives (tokenizer/gemma.test.ts compares the two at length).
    const vocab = loadGemmaHf().json.model.vocab;
    expect(ids).toEqual([2, ...['Hello', '▁world', ',', '▁naïve', '▁café', '!'].map((p) => vocab[p])]);
    expect(m['tokenizer.chat_template']).toBe(loadGemmaHf().config.chat_template);
    expect(tok.decode(ids)).toBe('Hello world, naïve café!'); // no space prefix added
    expect(tok.decode(tok.encode('日本語 🙂'))).toBe('日本語 🙂'); // byte fallback where no piece exists
    const prompt = renderChatPrompt(m, [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }]);
    // The template's <bos> is left to the encoder (add_bos_token), as for every SentencePiece model.
    expect(prompt).toBe('<start_of_turn>user\nBe brief.\n\nHi<end_of_turn>\n<start_of_turn>model\n');
    expect(tok.encode(prompt, { addBos: true, special: true }).slice(0, 2)).toEqual([2, 105]);
    expect([...tok.stopIds].sort((a, b) => a - b)).toEqual([1, 106]); // <eos>, <end_of_turn>

    const kernels = await createNodeKernels(2);
    try {
      const forward = createForward(kernels, await loadModel(header, read, kernels), 32, 8);
      const logits = forward.run(ids.slice(0, 8), 0);
      expect(logits.length).toBe(262144);
      expect(logits.every(Number.isFinite)).toBe(true);
    } finally {
      kernels.dispose();
    }
  }, 120_000);
});
