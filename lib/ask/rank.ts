import MiniSearch from 'minisearch';
import type { Passage } from './source';
import { relatedWords } from './related-words';
import { STOP } from './stop-words';

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

const tokenize = (s: string) => s.split(/[^\p{L}\p{N}]+/u);

/**
 * How much a related word counts against a word of the question itself. Low, because related words are many and
 * some are loose: they should decide between passages the question's own words leave level, or lift a passage
 * that has none of them, not outweigh a passage that uses the question's words.
 */
const RELATED_WEIGHT = 0.3;
/**
 * Share of each neighbour's score a passage gets. An answer often runs over a passage boundary ("His name is
 * Richard Dean." ends one passage, "He's a 49-year-old veteran…" starts the next), so the passage next to a
 * strong match is likely to hold part of the answer.
 */
const NEIGHBOUR_SHARE = 0.4;

export interface Ranked {
  passage: Passage;
  score: number;
  /** The passage's place in the text it came from (its index in the list ranked): prompts lay passages out by it. */
  order?: number;
}

/** The weights above, for comparing rankings (the recall test prints each part's share); the defaults are used. */
export interface RankOptions {
  relatedWeight?: number;
  neighbourShare?: number;
}

/** Passages i and i+1 follow each other in one section of one source (ids are "<tab>:<section>:<index>"). */
const adjacent = (a: Passage, b: Passage) => a.tabId === b.tabId && a.id.slice(0, a.id.lastIndexOf(':')) === b.id.slice(0, b.id.lastIndexOf(':'));

/**
 * Passages ordered by relevance to the question: BM25+ over the passages (MiniSearch, run here on the device),
 * plus a lower-weighted BM25+ score for words related to the question's (related-words.ts), plus a share of the
 * neighbouring passages' scores. Passages that score nothing follow in reading order, so a question like
 * "summarize this" still gets the start of the text.
 */
export function rankPassages(passages: Passage[], question: string, options: RankOptions = {}): Ranked[] {
  const { relatedWeight = RELATED_WEIGHT, neighbourShare = NEIGHBOUR_SHARE } = options;
  const index = new MiniSearch<{ id: number; text: string; title: string }>({
    fields: ['text', 'title'],
    idField: 'id',
    processTerm,
    tokenize,
    searchOptions: { boost: { text: 1, title: 0.3 }, combineWith: 'OR', prefix: (t) => t.length >= 6 },
  });
  index.addAll(passages.map((p, id) => ({ id, text: p.text, title: p.title })));
  const own = new Array<number>(passages.length).fill(0);
  for (const h of index.search(question)) own[h.id as number] = h.score;

  const words = tokenize(question.toLowerCase()).filter((w) => w.length >= 2 && !STOP.has(w));
  const asked = new Set(words.map(stem));
  // Related words by their stem (what the index holds), leaving out those that are a question word again.
  const weights = new Map<string, number>();
  for (const [word, weight] of relatedWords(words)) {
    const s = stem(word);
    if (!asked.has(s) && !STOP.has(word) && weight > (weights.get(s) ?? 0)) weights.set(s, weight);
  }
  // Text only: a source's passages share its title, so a related word in the title would lift them all alike.
  if (weights.size && relatedWeight > 0) {
    const hits = index.search([...weights.keys()].join(' '), { fields: ['text'], prefix: false, boostTerm: (term) => weights.get(term) ?? 0 });
    for (const h of hits) own[h.id as number]! += relatedWeight * h.score;
  }

  const score = own.map((s, i) => {
    const before = i > 0 && adjacent(passages[i - 1]!, passages[i]!) ? own[i - 1]! : 0;
    const after = i + 1 < passages.length && adjacent(passages[i]!, passages[i + 1]!) ? own[i + 1]! : 0;
    return s + neighbourShare * (before + after);
  });
  const order = passages.map((_, i) => i).filter((i) => score[i]! > 0);
  order.sort((a, b) => score[b]! - score[a]! || a - b);
  const ranked: Ranked[] = order.map((i) => ({ passage: passages[i]!, score: score[i]!, order: i }));
  passages.forEach((p, i) => score[i] === 0 && ranked.push({ passage: p, score: 0, order: i }));
  return ranked;
}
