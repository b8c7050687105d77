/**
 * Before any BPE, text is cut around special tokens written out literally (llama.cpp's tokenizer_st_partition):
 * the longest such tokens are found first, everywhere in the text, then shorter ones in what is left.
 * Control and unknown tokens count only when `special` is on (a rendered chat prompt); user-defined tokens
 * (added words like <think>) always do, as in llama.cpp.
 */
import { TokenType, type Vocab } from './vocab';

/** Either a run of plain text or one special token. */
export type Fragment = string | number;

export interface SpecialMatcher {
  split(text: string, special: boolean): Fragment[];
}

export function createSpecialMatcher(vocab: Vocab): SpecialMatcher {
  const all: { text: string; id: number; control: boolean }[] = [];
  for (let id = 0; id < vocab.tokens.length; id++) {
    const t = vocab.types[id];
    const text = vocab.tokens[id]!;
    if ((t === TokenType.Control || t === TokenType.Unknown || t === TokenType.UserDefined) && text) {
      all.push({ text, id, control: t !== TokenType.UserDefined });
    }
  }
  all.sort((a, b) => b.text.length - a.text.length || a.id - b.id);
  const userOnly = all.filter((s) => !s.control);

  return {
    split(text, special) {
      let frags: Fragment[] = [text];
      for (const s of special ? all : userOnly) {
        // Cheap skip: most special tokens do not occur at all.
        if (!frags.some((f) => typeof f === 'string' && f.includes(s.text))) continue;
        const next: Fragment[] = [];
        for (const f of frags) {
          if (typeof f !== 'string') { next.push(f); continue; }
          let at = 0;
          for (let i = f.indexOf(s.text); i >= 0; i = f.indexOf(s.text, at)) {
            if (i > at) next.push(f.slice(at, i));
            next.push(s.id);
            at = i + s.text.length;
          }
          if (at < f.length) next.push(f.slice(at));
        }
        frags = next;
      }
      return frags;
    },
  };
}
