import { describe, expect, it } from 'vitest';
import { GgufFormatError, GgufTruncatedError, readGgufHeader, readGgufHeaderFromBlob } from './read';
import { makeTinyLlamaGguf } from '../../testkit/models/tiny-llama-gguf';

describe('readGgufHeader', () => {
  const file = new Uint8Array(makeTinyLlamaGguf({ nCtx: 4096 }));

  it('reads every metadata value, arrays included, and every tensor with its absolute offset', () => {
    const h = readGgufHeader(file);
    expect(h.metadata['general.architecture']).toBe('llama');
    expect(h.metadata['llama.context_length']).toBe(4096);
    const tokens = h.metadata['tokenizer.ggml.tokens'] as string[];
    expect(tokens[1]).toBe('<s>');
    expect((h.metadata['tokenizer.ggml.scores'] as Float32Array).length).toBe(tokens.length);
    const embd = h.tensors.find((t) => t.name === 'token_embd.weight')!;
    expect(embd.dims).toEqual([64, tokens.length]);
    expect(embd.type).toBe(0);
    expect(embd.offset % 32).toBe(0);
    expect(h.tensors.every((t) => t.offset >= h.dataOffset && t.offset < file.length)).toBe(true);
    // The F32 norm weights the generator writes are read back at their offsets.
    const norm = h.tensors.find((t) => t.name === 'output_norm.weight')!;
    const values = new Float32Array(file.slice(norm.offset, norm.offset + 4 * norm.dims[0]!).buffer);
    expect(values.every(Number.isFinite)).toBe(true);
  });

  it('asks for more bytes when cut short, refuses what is not GGUF, and reads a Blob in steps', async () => {
    expect(() => readGgufHeader(file.subarray(0, 100))).toThrow(GgufTruncatedError);
    expect(() => readGgufHeader(new TextEncoder().encode('<!doctype html>'))).toThrow(GgufFormatError);
    const h = await readGgufHeaderFromBlob(new Blob([file]), 64);
    expect(h.tensors.length).toBe(readGgufHeader(file).tensors.length);
  });
});
