/**
 * Before any BPE, text is cut around special tokens written out literally (llama.cpp's tokenizer_st_partition):
 * the longest such tokens are found first, everywhere in the text, then shorter ones in what is left.
 * Control and unknown tokens count only when `special` is on (a rendered chat prompt), and not inside its `plain`
 * ranges (the messages' own text: a page cannot write markup); user-defined tokens (added words like <think>) always
 * do, as in llama.cpp.
 */
import { TokenType, type Vocab } from './vocab';

/** Either a run of plain text or one special token. */
export type Fragment = string | number;

/** [start, end) offsets (UTF-16) of a text where control tokens are not read even when `special` is on. */
export type PlainRanges = ReadonlyArray<readonly [number, number]>;

export interface SpecialMatcher {
  split(text: string, special: boolean, plain?: PlainRanges): Fragment[];
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
    split(text, special, plain = []) {
      // Runs of text carry their offset in `text`, so a control token found inside a plain range can be passed over.
      let frags: ({ s: string; at: number } | number)[] = [{ s: text, at: 0 }];
      const inPlain = (start: number, end: number) => plain.some(([a, b]) => start < b && a < end);
      for (const tok of special ? all : userOnly) {
        // Cheap skip: most special tokens do not occur at all.
        if (!frags.some((f) => typeof f !== 'number' && f.s.includes(tok.text))) continue;
        const next: typeof frags = [];
        for (const f of frags) {
          if (typeof f === 'number') { next.push(f); continue; }
          let at = 0;
          for (let i = f.s.indexOf(tok.text); i >= 0; i = f.s.indexOf(tok.text, i + 1)) {
            if (i < at) continue; // overlaps the match just taken
            if (tok.control && inPlain(f.at + i, f.at + i + tok.text.length)) continue;
            if (i > at) next.push({ s: f.s.slice(at, i), at: f.at + at });
            next.push(tok.id);
            at = i + tok.text.length;
          }
          if (at < f.s.length) next.push({ s: f.s.slice(at), at: f.at + at });
        }
        frags = next;
      }
      return frags.map((f) => (typeof f === 'number' ? f : f.s));
    },
  };
}
