import { beforeAll, describe, expect, it } from 'vitest';
import { loadRelatedWords } from './related-words';
import { splitPassages } from './passages';
import { rankPassages, type RankOptions } from './rank';
import { answers, loadRecallSet, measureRecall, RECALL_HEADER, recallRow } from '../../testkit/ask/recall';

// Top-3 recall on real articles (tests/fixtures/ask-recall/): the passages ranked first are the ones a long page
// sends to the model, so an answer outside them is an answer the model never sees.
const set = loadRecallSet();

// Targets, and floors: a change to the ranker that loses any of these fails here. The ranker before related words
// and neighbours (BM25+ with the hand-written stemmer) found 23/24 in the text's words and 5/24 paraphrased.
const WORDS_FLOOR = 1;
const PARAPHRASE_FLOOR = 0.75;

describe('ask-recall test set', () => {
  it('has at least 4 articles and 10 questions each, half of them paraphrased', () => {
    expect(set.articles.size).toBeGreaterThanOrEqual(4);
    for (const id of set.articles.keys()) {
      const qs = set.questions.filter((q) => q.article === id);
      expect({ id, n: qs.length >= 10 }).toEqual({ id, n: true });
      expect({ id, paraphrased: qs.filter((q) => q.kind === 'paraphrase').length * 2 }).toEqual({ id, paraphrased: qs.length });
    }
  });

  it('labels every question with spans found once in its article, each inside one passage', () => {
    for (const q of set.questions) {
      const article = set.articles.get(q.article)!;
      for (const a of q.answers) {
        expect({ a, count: article.text.split(a).length - 1 }).toEqual({ a, count: 1 });
        expect({ a, inPassage: article.passages.some((p) => answers({ ...q, answers: [a] }, p)) }).toEqual({ a, inPassage: true });
      }
    }
  });
});

describe('rankPassages top-3 recall', () => {
  beforeAll(loadRelatedWords);
  it('finds the answer in the top 3 for every question in the text’s words and most paraphrased ones', () => {
    // Each part's share, for whoever tunes the ranker next; only the full ranker is held to the targets.
    const parts: [string, RankOptions][] = [
      ['BM25+ only', { relatedWeight: 0, neighbourShare: 0 }],
      ['+ related words', { neighbourShare: 0 }],
      ['+ neighbours', { relatedWeight: 0 }],
    ];
    const rows = parts.map(([name, o]) => recallRow(name, measureRecall((p, q) => rankPassages(p, q, o), 3, set)));
    const r = measureRecall(rankPassages, 3, set);
    console.log(`\n${RECALL_HEADER}\n${rows.join('\n')}\n${recallRow('rankPassages (both)', r)}`);
    for (const m of r.misses) console.log(`  missed (${m.question.kind}, rank ${m.rank}): ${m.question.question}`);
    expect(r.found.words / r.asked.words).toBeGreaterThanOrEqual(WORDS_FLOOR);
    expect(r.found.paraphrase / r.asked.paraphrase).toBeGreaterThanOrEqual(PARAPHRASE_FLOOR);
  }, 60_000);

  // CPU time, not wall-clock time: the machines that run this are shared, and a busy neighbour should not fail it.
  it('ranks a question over a 10-page PDF (~100 passages) well under 50 ms', () => {
    // Ten pages cut from two of the articles, as a PDF's text arrives: one section per page.
    const text = [...set.articles.values()].slice(0, 2).map((a) => a.text).join(' ').slice(0, 50_000);
    const sections = Array.from({ length: 10 }, (_, i) => ({ text: text.slice(i * 5000, (i + 1) * 5000), page: i + 1 }));
    const passages = splitPassages({ tabId: 9, url: 'https://example.test/report.pdf', title: 'Report', kind: 'pdf', sections, words: 0 });
    expect(passages.length).toBeGreaterThanOrEqual(90);
    const cpuMs = (options?: RankOptions) => {
      rankPassages(passages, 'warm up the table', options);
      const t0 = process.cpuUsage();
      for (const q of set.questions) rankPassages(passages, q.question, options);
      const { user, system } = process.cpuUsage(t0);
      return (user + system) / 1000 / set.questions.length;
    };
    const plain = cpuMs({ relatedWeight: 0, neighbourShare: 0 });
    const full = cpuMs();
    console.log(`rank over ${passages.length} passages, CPU per question: BM25+ only ${plain.toFixed(2)} ms, rankPassages ${full.toFixed(2)} ms`);
    expect(full).toBeLessThan(50);
  }, 60_000);
});
