import MiniSearch from 'minisearch';
import type { Passage } from './source';

// Words that say nothing about which passage answers a question ("what is the …").
const STOP = new Set(
  ('a an and are as at be but by can could did do does for from had has have how i if in into is it its me my not of on or ' +
    'our should so than that the their them then there these they this to was we were what when where which who whom why ' +
    'will with would you your about tell says said page text article please explain describe').split(' '),
);

/**
 * A light English stemmer (plural and common verb endings), so "engines" finds "engine" and "cooling" finds
 * "cooled". Deliberately small: ranking only has to put the right passage near the top, and a wrong merge of two
 * words costs less than missing a plural.
 */
export function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('es') && /(ss|x|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  return w.length > 3 && w.endsWith('e') ? w.slice(0, -1) : w;
}

const processTerm = (term: string) => {
  const t = term.toLowerCase().normalize('NFKC');
  return t.length < 2 || STOP.has(t) ? null : stem(t);
};

export interface Ranked {
  passage: Passage;
  score: number;
  /** The passage's place in the text it came from (its index in the list ranked): prompts lay passages out by it. */
  order?: number;
}

/**
 * Passages ordered by relevance to the question: BM25+ over the passages (MiniSearch, run here on the device).
 * Passages that share no word with the question follow in reading order, so a question like "summarize this"
 * still gets the start of the text.
 */
export function rankPassages(passages: Passage[], question: string): Ranked[] {
  const index = new MiniSearch<{ id: number; text: string; title: string }>({
    fields: ['text', 'title'],
    idField: 'id',
    processTerm,
    tokenize: (s) => s.split(/[^\p{L}\p{N}]+/u),
    searchOptions: { boost: { text: 1, title: 0.3 }, combineWith: 'OR', prefix: (t) => t.length >= 6 },
  });
  index.addAll(passages.map((p, id) => ({ id, text: p.text, title: p.title })));
  const hits = index.search(question);
  const seen = new Set<number>();
  const ranked: Ranked[] = hits.map((h) => {
    seen.add(h.id as number);
    return { passage: passages[h.id as number]!, score: h.score, order: h.id as number };
  });
  passages.forEach((p, i) => !seen.has(i) && ranked.push({ passage: p, score: 0, order: i }));
  return ranked;
}
