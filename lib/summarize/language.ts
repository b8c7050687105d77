/**
 * Which language a text is in, as an English name for the prompt ("Japanese"), or null when unsure.
 * Scripts that name one language decide alone; for Latin and Cyrillic text the page's `lang` attribute is
 * used only when the text really is in that script (a page's lang is often a template default).
 */
const SCRIPTS: Array<[RegExp, string | null]> = [
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, 'Japanese'],
  [/\p{Script=Hangul}/u, 'Korean'],
  [/\p{Script=Han}/u, 'Chinese'],
  [/\p{Script=Thai}/u, 'Thai'],
  [/\p{Script=Greek}/u, 'Greek'],
  [/\p{Script=Hebrew}/u, 'Hebrew'],
  [/\p{Script=Arabic}/u, null],
  [/\p{Script=Devanagari}/u, null],
  [/\p{Script=Cyrillic}/u, null],
  [/\p{Script=Latin}/u, null],
];

function dominantScript(sample: string): RegExp | null {
  let best: RegExp | null = null;
  let bestCount = 0;
  for (const [re] of SCRIPTS) {
    const count = (sample.match(new RegExp(re.source, 'gu')) ?? []).length;
    if (count > bestCount) [best, bestCount] = [re, count];
  }
  return best;
}

function nameOf(lang: string | undefined): string | null {
  if (!lang) return null;
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'language' }).of(lang.split('-')[0]!.toLowerCase());
    return name && name.toLowerCase() !== lang.toLowerCase() ? name : null;
  } catch {
    return null;
  }
}

/** Scripts each `lang` is written in, to check a page's claim against its text. */
const LANG_SCRIPT: Record<string, RegExp> = { ru: /\p{Script=Cyrillic}/u, uk: /\p{Script=Cyrillic}/u, bg: /\p{Script=Cyrillic}/u, sr: /\p{Script=Cyrillic}/u, ar: /\p{Script=Arabic}/u, fa: /\p{Script=Arabic}/u, ur: /\p{Script=Arabic}/u, hi: /\p{Script=Devanagari}/u, mr: /\p{Script=Devanagari}/u, ne: /\p{Script=Devanagari}/u };

export function detectLanguage(text: string, declaredLang?: string): string | null {
  const script = dominantScript(text.slice(0, 4000));
  if (!script) return null;
  const fixed = SCRIPTS.find(([re]) => re === script)?.[1];
  if (fixed) return fixed;
  const code = declaredLang?.split('-')[0]?.toLowerCase();
  if (!code) return null;
  const expected = LANG_SCRIPT[code] ?? /\p{Script=Latin}/u;
  return expected.source === script.source ? nameOf(code) : null;
}
