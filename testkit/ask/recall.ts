/**
 * The ask-recall test set (tests/fixtures/ask-recall/): real articles split into passages as "Ask about this page"
 * splits them, and questions labelled with the text that answers them, half in the article's own words and half
 * paraphrased. `measureRecall` runs a ranker over every question and counts how often an answering passage is in
 * its top k, so rankers can be compared on the same numbers.
 */
import { readFileSync } from 'node:fs';
import { splitPassages } from '../../lib/ask/passages';
import type { Ranked } from '../../lib/ask/rank';
import type { Passage } from '../../lib/ask/source';

export type QuestionKind = 'words' | 'paraphrase';

export interface RecallQuestion {
  article: string;
  kind: QuestionKind;
  question: string;
  /** Exact spans of the article; a passage answers when it contains any of them. */
  answers: string[];
}

export interface RecallArticle {
  id: string;
  title: string;
  text: string;
  passages: Passage[];
}

const DIR = new URL('../../tests/fixtures/ask-recall/', import.meta.url);

interface QuestionsFile {
  articles: Record<string, { title: string }>;
  questions: RecallQuestion[];
}

/** The articles (as passages, the way a page is split) and the labelled questions. */
export function loadRecallSet(): { articles: Map<string, RecallArticle>; questions: RecallQuestion[] } {
  const file = JSON.parse(readFileSync(new URL('questions.json', DIR), 'utf8')) as QuestionsFile;
  const articles = new Map<string, RecallArticle>();
  Object.entries(file.articles).forEach(([id, { title }], i) => {
    const text = readFileSync(new URL(`${id}.txt`, DIR), 'utf8');
    const source = { tabId: i + 1, url: `https://example.test/${id}`, title, kind: 'page' as const, sections: [{ text }], words: 0 };
    articles.set(id, { id, title, text, passages: splitPassages(source) });
  });
  return { articles, questions: file.questions };
}

export const answers = (q: RecallQuestion, p: Passage) => q.answers.some((a) => p.text.includes(a));

export interface RecallResult {
  /** Per kind: questions with an answering passage in the top k, and questions asked. */
  found: Record<QuestionKind, number>;
  asked: Record<QuestionKind, number>;
  /** Questions whose answer was not in the top k, with the rank (1-based) where it first appeared. */
  misses: { question: RecallQuestion; rank: number }[];
  /** CPU milliseconds per question, median over the set. */
  medianMs: number;
}

export type Ranker = (passages: Passage[], question: string) => Ranked[];

export function measureRecall(rank: Ranker, k = 3, set = loadRecallSet()): RecallResult {
  const found = { words: 0, paraphrase: 0 };
  const asked = { words: 0, paraphrase: 0 };
  const misses: RecallResult['misses'] = [];
  const times: number[] = [];
  for (const q of set.questions) {
    const article = set.articles.get(q.article)!;
    // CPU time, not wall-clock: shared machines make the latter swing tenfold.
    const t0 = process.cpuUsage();
    const ranked = rank(article.passages, q.question);
    const { user, system } = process.cpuUsage(t0);
    times.push((user + system) / 1000);
    const rankOf = ranked.findIndex((r) => answers(q, r.passage)) + 1;
    asked[q.kind]++;
    if (rankOf >= 1 && rankOf <= k) found[q.kind]++;
    else misses.push({ question: q, rank: rankOf });
  }
  times.sort((a, b) => a - b);
  return { found, asked, misses, medianMs: times[Math.floor(times.length / 2)]! };
}

const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(0)}% (${n}/${of})`;

/** One table row: "name | words | paraphrase | ms". */
export function recallRow(name: string, r: RecallResult): string {
  return `${name.padEnd(28)} | ${pct(r.found.words, r.asked.words).padEnd(12)} | ${pct(r.found.paraphrase, r.asked.paraphrase).padEnd(12)} | ${r.medianMs.toFixed(2)} ms`;
}

export const RECALL_HEADER = `${'ranker'.padEnd(28)} | ${'words'.padEnd(12)} | ${'paraphrase'.padEnd(12)} | median CPU time`;
