// Languages by name, for people: codes are BCP 47 tags, names come from Intl.DisplayNames in the user's own language.

/** The primary subtag, lowercased ("en-GB" → "en"): what Translator pairs and comparisons use. */
export const baseLanguage = (tag: string) => tag.split(/[-_]/)[0]!.toLowerCase();

export const sameLanguage = (a: string | null, b: string | null) => !!a && !!b && baseLanguage(a) === baseLanguage(b);

/** A language's name in `displayLocale` ("de" → "German" for English, "Deutsch" for German); the code if unknown. */
export function languageName(code: string, displayLocale = 'en'): string {
  try {
    const name = new Intl.DisplayNames([displayLocale, 'en'], { type: 'language' }).of(baseLanguage(code));
    return name && name.toLowerCase() !== code.toLowerCase() ? name : code;
  } catch {
    return code;
  }
}

/** Targets offered in the panel: widely used languages the built-in translator and small models know. */
export const TARGET_LANGUAGES = ['ar', 'bn', 'cs', 'da', 'de', 'el', 'en', 'es', 'fi', 'fr', 'he', 'hi', 'hu', 'id', 'it', 'ja', 'ko', 'nl', 'no', 'pl', 'pt', 'ro', 'ru', 'sv', 'th', 'tr', 'uk', 'vi', 'zh'];

/** The choices, by name in the user's language, the user's own language first. */
export function targetChoices(userLanguage: string, displayLocale = userLanguage): { code: string; name: string }[] {
  const own = baseLanguage(userLanguage);
  const codes = TARGET_LANGUAGES.includes(own) ? TARGET_LANGUAGES : [...TARGET_LANGUAGES, own];
  const named = codes.map((code) => ({ code, name: languageName(code, displayLocale) }));
  named.sort((a, b) => Number(b.code === own) - Number(a.code === own) || a.name.localeCompare(b.name, displayLocale));
  return named;
}

/** Scripts each language code is written in, to check a page's `lang` claim against its text. */
const SCRIPT_OF: Record<string, RegExp> = {
  ja: /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u, zh: /\p{Script=Han}/u, ko: /\p{Script=Hangul}/u,
  ru: /\p{Script=Cyrillic}/u, uk: /\p{Script=Cyrillic}/u, bg: /\p{Script=Cyrillic}/u, sr: /\p{Script=Cyrillic}/u,
  ar: /\p{Script=Arabic}/u, fa: /\p{Script=Arabic}/u, he: /\p{Script=Hebrew}/u, el: /\p{Script=Greek}/u,
  hi: /\p{Script=Devanagari}/u, th: /\p{Script=Thai}/u, bn: /\p{Script=Bengali}/u,
};

/**
 * The source language where no detector runs: the page's `lang`, believed only when most letters of the text are in
 * that language's script (a page's `lang` is often a template default). Null when unsure.
 */
export function declaredLanguage(text: string, lang: string | undefined): string | null {
  if (!lang) return null;
  const code = baseLanguage(lang);
  const script = SCRIPT_OF[code] ?? /\p{Script=Latin}/u;
  const sample = text.slice(0, 4000);
  const letters = (sample.match(/\p{L}/gu) ?? []).length;
  const inScript = (sample.match(new RegExp(script.source, 'gu')) ?? []).length;
  return letters > 0 && inScript / letters > 0.6 ? code : null;
}
