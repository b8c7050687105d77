import { describe, expect, it } from 'vitest';
import { afterText, beforeText, diffWords, hunksOf, tokenize } from './word-diff';

const apply = (before: string, after: string) => {
  const hunks = hunksOf(diffWords(before, after));
  let out = before;
  for (const h of [...hunks].reverse()) out = out.slice(0, h.from) + h.text + out.slice(h.to);
  return out;
};

describe('tokenize', () => {
  it('keeps words, spaces, line breaks and punctuation apart', () => {
    expect(tokenize("It's a well-known fact.\n\nNext  line")).toEqual(["It's", ' ', 'a', ' ', 'well-known', ' ', 'fact', '.', '\n', '\n', 'Next', '  ', 'line']);
  });
  it('splits CJK text into characters', () => {
    expect(tokenize('東京へ行く')).toEqual(['東', '京', 'へ', '行', 'く']);
  });
  it('loses nothing', () => {
    const s = 'Ünïcode — “quotes” and tabs\there, 3.14 and emoji 🙂!';
    expect(tokenize(s).join('')).toBe(s);
  });
});

describe('diffWords', () => {
  it('marks a replaced word as deletion then insertion', () => {
    expect(diffWords('They were happy.', 'They was happy.')).toEqual([
      { op: 'same', text: 'They ' },
      { op: 'del', text: 'were' },
      { op: 'ins', text: 'was' },
      { op: 'same', text: ' happy.' },
    ]);
  });

  it('joins two changes separated by one space', () => {
    expect(diffWords('I saw the cat today', 'I saw a dog today')).toEqual([
      { op: 'same', text: 'I saw ' },
      { op: 'del', text: 'the cat' },
      { op: 'ins', text: 'a dog' },
      { op: 'same', text: ' today' },
    ]);
  });

  it('keeps paragraph breaks as unchanged text', () => {
    const ops = diffWords('One fish.\n\nTwo fsh.', 'One fish.\n\nTwo fish.');
    expect(ops.filter((o) => o.op !== 'same')).toEqual([{ op: 'del', text: 'fsh' }, { op: 'ins', text: 'fish' }]);
  });

  it('reconstructs both sides, and its hunks turn the original into the suggestion', () => {
    const pairs: Array<[string, string]> = [
      ['', 'new text'],
      ['old text', ''],
      ['same', 'same'],
      ['a b c d e', 'a c e f'],
      ['Line one\nline two\n\nline three', 'Line one,\nline 2\n\nline three and more'],
    ];
    for (const [a, b] of pairs) {
      const ops = diffWords(a, b);
      expect(beforeText(ops)).toBe(a);
      expect(afterText(ops)).toBe(b);
      expect(apply(a, b)).toBe(b);
    }
  });

  it('gives character ranges of the original', () => {
    expect(hunksOf(diffWords('a bad day', 'a good day'))).toEqual([{ from: 2, to: 5, old: 'bad', text: 'good' }]);
    expect(hunksOf(diffWords('hello world', 'hello, world'))).toEqual([{ from: 5, to: 5, old: '', text: ',' }]);
  });

  it('still answers for texts too long to compare word by word', () => {
    const a = Array.from({ length: 3000 }, (_, i) => `w${i}`).join(' ');
    const b = Array.from({ length: 3000 }, (_, i) => `v${i}`).join(' ');
    expect(apply(`start ${a} end`, `start ${b} end`)).toBe(`start ${b} end`);
  });
});
