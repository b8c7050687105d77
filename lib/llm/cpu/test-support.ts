import { readGgufHeader, type GgufHeader } from './gguf';
import type { ReadRange } from './load-model';
import type { Tokenizer } from './tokenizer-api';

/** Test helpers: a GGUF held in memory, and a word-level stand-in tokenizer for the tiny SPM test vocabulary. */
export function inMemoryGguf(bytes: Uint8Array): { header: GgufHeader; read: ReadRange } {
  return { header: readGgufHeader(bytes), read: async (start, end) => bytes.slice(start, end) };
}

/** Whole words only ("▁one" …): enough to drive the engine before the real tokenizer is merged. */
export function wordTokenizer(header: GgufHeader): Tokenizer {
  const tokens = header.metadata['tokenizer.ggml.tokens'] as string[];
  const ids = new Map(tokens.map((t, i) => [t, i]));
  const enc = new TextEncoder();
  return {
    bosId: 1,
    stopIds: [2],
    encode(text, o) {
      const words = text.split(' ').filter(Boolean).map((w) => {
        const id = ids.get('\u2581' + w);
        if (id === undefined) throw new Error(`No token for ${w}`);
        return id;
      });
      return o?.addBos ? [1, ...words] : words;
    },
    tokenBytes: (id) => enc.encode(tokens[id]!.replaceAll('\u2581', ' ')),
    decode: (list) => list.map((id) => tokens[id]!.replaceAll('\u2581', ' ')).join(''),
  };
}
