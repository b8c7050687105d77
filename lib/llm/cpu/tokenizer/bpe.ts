/**
 * Byte-level BPE (tokenizer.ggml.model "gpt2": Qwen, Llama 3, SmolLM): pre-tokenize with the model's regexes, map
 * each word's UTF-8 bytes into the byte-level alphabet, then apply merges by rank. Words repeat a lot in real text,
 * so results are cached per word.
 */
import { toByteLevel } from './byte-level';
import { mergeSymbols } from './merge-queue';
import { preTokenizerFor } from './pretokenize';
import type { Vocab } from './vocab';

const CACHE_LIMIT = 50_000;

export function createBpeEncoder(vocab: Vocab): (text: string, out: number[]) => void {
  const split = preTokenizerFor(vocab.pre);
  const cache = new Map<string, number[]>();
  const rank = (l: string, r: string) => vocab.ranks.get(l + ' ' + r);

  const encodeWord = (word: string): number[] => {
    const bl = toByteLevel(word);
    const whole = vocab.ignoreMerges ? vocab.ids.get(bl) : undefined;
    if (whole !== undefined) return [whole];
    const { start, len, next } = mergeSymbols(bl, rank);
    const ids: number[] = [];
    for (let i = 0; i !== -1 && len.length; i = next[i]!) {
      const piece = bl.substr(start[i]!, len[i]);
      const id = vocab.ids.get(piece);
      if (id !== undefined) { ids.push(id); continue; }
      // A symbol that is not a token: fall back to its single characters (bytes), dropping any the vocab lacks.
      for (const ch of piece) {
        const b = vocab.ids.get(ch);
        if (b !== undefined) ids.push(b);
      }
    }
    return ids;
  };

  return (text, out) => {
    for (const word of split(text)) {
      let ids = cache.get(word);
      if (!ids) {
        ids = encodeWord(word);
        if (cache.size >= CACHE_LIMIT) cache.clear();
        cache.set(word, ids);
      }
      for (const id of ids) out.push(id);
    }
  };
}
