const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Words as a reader counts them: runs of letters or digits; each CJK character counts as one. */
export function countWords(text: string): number {
  let n = 0;
  for (const m of text.matchAll(/[\p{L}\p{N}\p{M}'’-]+/gu)) n += CJK.test(m[0]) ? [...m[0]].filter((c) => CJK.test(c)).length + (/[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(m[0]) ? 1 : 0) : 1;
  return n;
}
