import { LIMITS } from '../messaging/protocol-values';

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Words as a reader counts them: runs of letters or digits; each CJK character counts as one. */
export function countWords(text: string): number {
  let n = 0;
  for (const m of text.matchAll(/[\p{L}\p{N}\p{M}'’-]+/gu)) n += CJK.test(m[0]) ? [...m[0]].filter((c) => CJK.test(c)).length + (/[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(m[0]) ? 1 : 0) : 1;
  return n;
}

/** Why this text cannot be summarized, or null when it can. */
export function checkSummaryInput(text: string, source: 'selection' | 'page'): string | null {
  if (!text.trim()) {
    return source === 'selection'
      ? 'Nothing is selected (or only blank space). Select some text, then choose “Summarize selection”.'
      : 'This page has no text Hearth can read.';
  }
  if (text.length > LIMITS.inputChars) {
    return `This text is too long (${(text.length / 1024 / 1024).toFixed(1)} MB); Hearth summarizes up to 2 MB at once. Select a shorter part.`;
  }
  return null;
}
