import { describe, expect, it } from 'vitest';
import { splitPassages } from './passages';
import { rankPassages, stem } from './rank';
import { HARBOUR_PARAGRAPHS, HARBOUR_TEXT, HARBOUR_TITLE } from '../../tests/fixtures/harbour-article';

const passages = splitPassages({ tabId: 1, url: 'https://example.test/', title: HARBOUR_TITLE, kind: 'page', sections: [{ text: HARBOUR_TEXT }], words: 0 });
const paragraphOf = (text: string) => HARBOUR_PARAGRAPHS.findIndex((p) => p.includes(text.slice(0, 80)));

// Questions a reader might ask, worded differently from the text where a reader would, and the paragraph that answers.
const QUESTIONS: [string, number][] = [
  ['When was the lighthouse built?', 0],
  ['Who was the first keeper of the light?', 0],
  ['What can children find in the rock pools at low tide?', 1],
  ['What time does the bakery open and what bread does it sell?', 2],
  ['How much is a ferry ticket to Skellig Island?', 3],
  ['Is the crossing cancelled in strong wind?', 3],
  ['What damage did the January storm do to the dunes?', 4],
  ['How many geese were counted during the migration?', 5],
  ['Who won the council election and who is the new mayor?', 6],
  ['Why do the boats land crabs and lobsters instead of cod?', 7],
];

describe('rankPassages (BM25+ on the device)', () => {
  it('ranks the passage that answers each question first', () => {
    for (const [question, paragraph] of QUESTIONS) {
      const [top] = rankPassages(passages, question);
      expect({ question, paragraph: paragraphOf(top!.passage.text) }).toEqual({ question, paragraph });
    }
  });

  it('lists every passage once; those sharing no word with the question follow in reading order', () => {
    const ranked = rankPassages(passages, 'summarize this');
    expect(ranked).toHaveLength(passages.length);
    expect(ranked.map((r) => r.passage.id)).toEqual(passages.map((p) => p.id));
    expect(ranked.every((r) => r.score === 0)).toBe(true);
    const some = rankPassages(passages, 'geese');
    expect(some[0]!.score).toBeGreaterThan(0);
    expect(new Set(some.map((r) => r.passage.id)).size).toBe(passages.length);
  });

  it('stems plurals and verb endings', () => {
    expect(stem('engines')).toBe(stem('engine'));
    expect(stem('cooling')).toBe(stem('cooled'));
    expect(stem('stories')).toBe('story');
    expect(stem('glass')).toBe('glass');
  });
});
