import { describe, expect, it } from 'vitest';
import { readGgufInfo } from './info';
import { makeTinyLlamaGguf } from '../../testkit/models/tiny-llama-gguf';

describe('readGgufInfo', () => {
  it('reads the architecture, name and trained context from a real GGUF file', () => {
    const file = new Uint8Array(makeTinyLlamaGguf({ nCtx: 4096 }));
    expect(readGgufInfo(file)).toEqual({ architecture: 'llama', name: 'hearth-tiny-llama-successor', contextLength: 4096 });
    expect(readGgufInfo(new Uint8Array(makeTinyLlamaGguf()))?.contextLength).toBe(512);
  });

  it('gives what it could read from a file cut short, and null for something that is not GGUF', () => {
    const file = new Uint8Array(makeTinyLlamaGguf({ nCtx: 4096 }));
    expect(readGgufInfo(file.subarray(0, 80))).toEqual({ architecture: 'llama' });
    expect(readGgufInfo(file.subarray(0, 2))).toBeNull();
    expect(readGgufInfo(new TextEncoder().encode('<!doctype html><title>Sign in</title>'))).toBeNull();
  });
});
