import { seededRandom } from '../../lib/random/seeded'; // deterministic, so failures reproduce
/** Test support: varied text for comparing token ids with a reference tokenizer, plus a seeded random generator. */

export const SAMPLE_TEXTS: Record<string, string> = {
  prose: 'The quick brown fox jumps over the lazy dog. It was the best of times, it was the worst of times.',
  numbers: '12345 3.14 -0.5e10 1,000,000 2024-11-30 07:45 #42 $19.99 100% 0x1F 9876543210',
  contractions: "don't, I'll, we've, they're, she'd, it's, I'm; DON'T I'LL WE'VE THEY'RE SHE'D IT'S I'M 'quoted'",
  spaces: '  two  spaces,   three   spaces\n\nnew paragraph\n\n\n   indented\n\t\ttabs\t \r\nwindows line\n \n end   ',
  code: 'function add(a, b) {\n  return a + b; // sum\n}\n\nconst xs = [1, 2, 3].map((x) => x ** 2);\nif (x !== null && y >= 10) { console.log(`${x}`); }\n',
  accents: 'Café déjà vu, naïve façade, Ærøskøbing, São Paulo, Zürich, Łódź, Ελληνικά, русский текст',
  cjk: '日本語のテキストです。中文文本，包括标点符号！한국어 텍스트도 있습니다.',
  emoji: 'Emoji: 😀👍🏽 👨‍👩‍👧‍👦 🇫🇷 ❤️ ✨🎉 and text after',
  arabic: 'مرحبا بالعالم، هذا نص عربي. العدد ١٢٣',
  mixed: 'Mixed: "quotes" (parens) [brackets] {braces} <tags> a/b\\c | ~tilde ^caret @at ...ellipsis… — dash',
  specials: '<|im_start|>user\nhello<|im_end|>\n<|endoftext|><|begin_of_text|><|eot_id|><think>x</think>',
  edge: "'s 's's ''' \u00a0nbsp\u2003em-space\u3000ideographic x\u200bzero-width",
};

const POOL = [...'aaeeiioouu tttnnsshrdl  TAIS.,;:!?\'"-()\n\n\t0123456789éüñßçøåæ日本中文한국😀👍🏽ممر  $%&*/<>|_'];

/** Random strings drawn from letters, digits, punctuation, whitespace runs and non-Latin characters. */
export function randomTexts(count: number, seed = 1): string[] {
  const rnd = seededRandom(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let s = '';
    const n = 1 + Math.floor(rnd() * 60);
    for (let j = 0; j < n; j++) s += POOL[Math.floor(rnd() * POOL.length)];
    out.push(s);
  }
  return out;
}

/** About 600 words of article-like English for the timing check. */
export function article600(): string {
  const rnd = seededRandom(7);
  const words = ('the of and to in a is that for it as was with be by on not he this are or his from at which but '
    + 'have an they you were her she there been one all we their has would when if so no will can more other what '
    + 'research scientists reported Tuesday climate 2024 percent government economy, model data. however "study" '
    + 'million people city council voted measure approved budget schools (including) teachers students year\'s').split(' ');
  const out: string[] = [];
  for (let i = 0; i < 600; i++) out.push(words[Math.floor(rnd() * words.length)] + (i % 17 === 16 ? '.\n\n' : ''));
  return out.join(' ');
}
