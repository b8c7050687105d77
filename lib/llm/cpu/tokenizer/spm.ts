/**
 * SentencePiece BPE (tokenizer.ggml.model "llama"): spaces become "▁", the text is split into characters and the
 * adjacent pair whose concatenation is the best-scoring token is merged first (llama.cpp's llm_tokenizer_spm).
 * Characters that never became tokens are written as <0xNN> byte tokens, or <unk> when those are missing.
 */
import { mergeSymbols } from './merge-queue';
import type { Vocab } from './vocab';

const utf8 = new TextEncoder();

export function createSpmEncoder(vocab: Vocab): (text: string, out: number[]) => void {
  const scores = vocab.scores!;
  const byteIds = new Int32Array(256).fill(-1);
  for (let b = 0; b < 256; b++) {
    const hex = b.toString(16).toUpperCase().padStart(2, '0');
    byteIds[b] = vocab.ids.get(`<0x${hex}>`) ?? vocab.unkId ?? -1;
  }
  // Higher score merges first; the merge queue takes lower-first, so negate.
  const priority = (l: string, r: string) => {
    const id = vocab.ids.get(l + r);
    return id === undefined ? undefined : -scores[id]!;
  };

  return (text, out) => {
    const piece = text.replaceAll(' ', '\u2581');
    if (!piece) return;
    const { start, len, next } = mergeSymbols(piece, priority);
    for (let i = 0; i !== -1; i = next[i]!) {
      const sym = piece.substr(start[i]!, len[i]);
      const id = vocab.ids.get(sym);
      if (id !== undefined) { out.push(id); continue; }
      for (const b of utf8.encode(sym)) if (byteIds[b]! >= 0) out.push(byteIds[b]!);
    }
  };
}
