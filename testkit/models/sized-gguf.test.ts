import { mkdtempSync, openSync, readSync, closeSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readGgufHeader } from '../../lib/gguf/read';
import { tensorBytes } from '../../lib/gguf/types';
import { dequantize } from '../../lib/llm/cpu/kernels/oracle';
import { makeSizedGguf, SIZED_SHAPES, type SizedShapeName } from './sized-gguf';

const dir = mkdtempSync(join(tmpdir(), 'sized-gguf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The first `n` bytes of a file (headers are a few MB; the weights are never read). */
function head(path: string, n = 8 << 20) {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(Math.min(n, statSync(path).size));
  readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  return buf;
}

const Q8_0 = 8, Q4_0 = 2, Q5_0 = 6, Q4_K = 12, Q6_K = 14, F32 = 0;

describe('makeSizedGguf', () => {
  it.each([
    ['smollm2-360m', 'q8_0', 'llama', 49152, 'smollm'],
    ['qwen2.5-0.5b', 'q4_0', 'qwen2', 151936, 'qwen2'],
    ['llama-3.2-1b', 'q4_k_m', 'llama', 128256, 'llama-bpe'],
  ] as const)('%s %s: a header llama.cpp-style readers parse, with the real shape', (shape, quant, arch, vocab, pre) => {
    const out = join(dir, `${shape}.gguf`);
    const r = makeSizedGguf({ out, shape: shape as SizedShapeName, quant, layers: 2 });
    const s = SIZED_SHAPES[shape];
    const h = readGgufHeader(head(out));
    const m = h.metadata;
    expect(m['general.architecture']).toBe(arch);
    expect(m[`${arch}.embedding_length`]).toBe(s.embd);
    expect(m[`${arch}.block_count`]).toBe(2);
    expect(m[`${arch}.attention.head_count_kv`]).toBe(s.kvHeads);
    expect(m['tokenizer.ggml.pre']).toBe(pre);
    expect((m['tokenizer.ggml.tokens'] as string[]).length).toBe(vocab);
    expect(m['tokenizer.chat_template']).toContain(arch === 'qwen2' || shape.startsWith('smollm') ? '<|im_start|>' : '<|start_header_id|>');
    const tokens = m['tokenizer.ggml.tokens'] as string[];
    expect(tokens[m['tokenizer.ggml.eos_token_id'] as number]).toBe(shape === 'llama-3.2-1b' ? '<|eot_id|>' : '<|im_end|>');
    expect(tokens[m['tokenizer.ggml.bos_token_id'] as number]).toBe({ 'smollm2-360m': '<|im_start|>', 'qwen2.5-0.5b': '<|endoftext|>', 'llama-3.2-1b': '<|begin_of_text|>' }[shape]);
    const byName = new Map(h.tensors.map((t) => [t.name, t]));
    expect(byName.get('token_embd.weight')!.dims).toEqual([s.embd, vocab]);
    expect(byName.get('blk.1.ffn_down.weight')!.dims).toEqual([s.ff, s.embd]);
    expect(byName.get('blk.1.attn_k.weight')!.dims).toEqual([s.embd, (s.kvHeads * s.embd) / s.heads]);
    expect(byName.has('blk.2.attn_q.weight')).toBe(false);
    expect(byName.has('blk.0.attn_q.bias')).toBe(arch === 'qwen2');
    expect(byName.has('rope_freqs.weight')).toBe(shape === 'llama-3.2-1b');
    // The data ends exactly where the file does: every tensor's size agrees with its type and shape.
    const last = h.tensors.at(-1)!;
    expect(last.offset + 4 * last.dims[0]!).toBe(statSync(out).size);
    expect(r.bytes).toBe(statSync(out).size);
    const types = new Set(h.tensors.filter((t) => t.dims.length === 2).map((t) => t.type));
    if (quant === 'q8_0') expect([...types]).toEqual([Q8_0]);
    if (quant === 'q4_0') expect([...types].sort()).toEqual([Q4_0, Q8_0].sort());
    // Llama 3.2's rows are multiples of 256: K-quants throughout, Q6_K for the embedding and the first layers' attn_v.
    if (quant === 'q4_k_m') {
      expect(byName.get('token_embd.weight')!.type).toBe(Q6_K);
      expect(byName.get('blk.0.attn_v.weight')!.type).toBe(Q6_K);
      expect(byName.get('blk.0.attn_q.weight')!.type).toBe(Q4_K);
    }
    expect(byName.get('output_norm.weight')!.type).toBe(F32);
  }, 60_000); // the embedding alone is up to 216 MB (Llama 3.2: 128,256 × 2,048 at Q6_K), written for real

  it('falls back from K-quants on rows that are not a multiple of 256, as the real Qwen2.5-0.5B Q4_K_M file does', () => {
    const out = join(dir, 'qwen-k.gguf');
    makeSizedGguf({ out, shape: 'qwen2.5-0.5b', layers: 1 });
    const byName = new Map(readGgufHeader(head(out)).tensors.map((t) => [t.name, t.type]));
    expect(byName.get('token_embd.weight')).toBe(Q8_0); // Q6_K wanted, 896 columns
    expect(byName.get('blk.0.attn_q.weight')).toBe(Q5_0); // Q4_K wanted
    expect(byName.get('blk.0.ffn_down.weight')).toBe(Q6_K); // 4864 = 19 × 256
  }, 60_000);

  it('writes an F32 twin holding exactly the dequantized quants, and scales the logits by output_norm', () => {
    const quantized = join(dir, 'twin-q.gguf'), twin = join(dir, 'twin-f32.gguf');
    makeSizedGguf({ out: quantized, shape: 'smollm2-135m', quant: 'q4_k_m', layers: 2, outputNormScale: 6 });
    makeSizedGguf({ out: twin, shape: 'smollm2-135m', quant: 'q4_k_m', layers: 2, outputNormScale: 6, dequantized: true });
    const [q, f] = [quantized, twin].map((p) => ({ bytes: head(p, statSync(p).size) })).map(({ bytes }) => ({ bytes, h: readGgufHeader(bytes) }));
    expect(f!.h.metadata['general.file_type']).toBe(0);
    const seen = new Set<number>();
    for (const [i, t] of q!.h.tensors.entries()) {
      const g = f!.h.tensors[i]!;
      expect([g.name, g.dims, g.type]).toEqual([t.name, t.dims, F32]);
      // The embedding's first 64 rows only: all of it is 28 M values, too slow to check in a unit test.
      const n = t.dims[0]! * Math.min(t.dims[1] ?? 1, t.name === 'token_embd.weight' ? 64 : Infinity);
      const values = new Float32Array(f!.bytes.buffer.slice(f!.bytes.byteOffset + g.offset, f!.bytes.byteOffset + g.offset + 4 * n));
      const expected = dequantize(t.type, q!.bytes.subarray(t.offset, t.offset + tensorBytes(t.type, n)!), n);
      expect(values.every((v, j) => v === expected[j]), t.name).toBe(true);
      seen.add(t.type);
      if (t.name === 'output_norm.weight') expect([...values.slice(0, 3)]).toEqual([6, 6, 6]);
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([F32, Q5_0, Q8_0, Q4_K, Q6_K]); // every block formula crossed
  }, 60_000);

  it('rejects an unknown shape', () => {
    expect(() => makeSizedGguf({ out: join(dir, 'x.gguf'), shape: 'gpt-5' as SizedShapeName })).toThrow(/Unknown shape "gpt-5"/);
  });
});
