import { describe, expect, it } from 'vitest';
import { citePage, pdfPassages, pdfSummaryText } from './passages';

const para = (word: string, n: number) => Array.from({ length: n }, (_, i) => `${word} sentence ${i}.`).join(' ');

describe('pdfPassages', () => {
  it('packs paragraphs of one page, never across pages, each with its page', () => {
    const pdf = { pages: [{ page: 1, text: 'Alpha one.\n\nAlpha two.' }, { page: 2, text: 'Beta.' }, { page: 3, text: '' }] };
    expect(pdfPassages(pdf)).toEqual([
      { text: 'Alpha one.\n\nAlpha two.', page: 1, index: 0 },
      { text: 'Beta.', page: 2, index: 0 },
    ]);
  });

  it('cuts a long page into passages near the target size, at sentence ends, losing no words', () => {
    const text = `${para('red', 40)}\n\n${para('blue', 40)}`;
    const out = pdfPassages({ pages: [{ page: 4, text }] }, 300);
    expect(out.length).toBeGreaterThan(4);
    expect(out.every((p) => p.page === 4 && p.text.length <= 450)).toBe(true);
    expect(out.map((p) => p.index)).toEqual(out.map((_, i) => i));
    expect(out.every((p) => /\.$/.test(p.text))).toBe(true);
    expect(out.map((p) => p.text).join(' ').split(/\s+/)).toEqual(text.split(/\s+/));
  });

  it('cuts a paragraph with no sentence end at spaces', () => {
    const out = pdfPassages({ pages: [{ page: 1, text: 'word '.repeat(400).trim() }] }, 200);
    expect(out.every((p) => p.text.length <= 300 && !p.text.startsWith(' '))).toBe(true);
    expect(out.map((p) => p.text).join(' ').split(' ')).toHaveLength(400);
  });
});

describe('pdfSummaryText and citations', () => {
  it('heads each page with its number, skipping empty pages', () => {
    expect(pdfSummaryText({ pages: [{ page: 1, text: 'A' }, { page: 2, text: ' ' }, { page: 3, text: 'C' }] })).toBe('[Page 1]\nA\n\n[Page 3]\nC');
    expect(citePage(4)).toBe('p. 4');
  });
});

describe('pdfToAskSource (the ask chat’s source shape)', () => {
  it('one section per page with text, each with its page; words of the pages only; the PDF’s title first', async () => {
    const { pdfToAskSource, pdfPageUrl } = await import('./ask-source');
    const pdf = { title: 'Report', pages: [{ page: 1, text: 'Two words' }, { page: 2, text: '' }, { page: 3, text: 'three more words' }] };
    expect(pdfToAskSource(pdf, { tabId: 5, url: 'https://a.example/r.pdf', title: 'r.pdf' })).toEqual({
      tabId: 5, url: 'https://a.example/r.pdf', title: 'Report', kind: 'pdf',
      sections: [{ text: 'Two words', page: 1 }, { text: 'three more words', page: 3 }], words: 5,
    });
    expect(pdfToAskSource({ pages: pdf.pages }, { tabId: 5, url: 'https://a.example/d/My%20r.pdf?x=1' }).title).toBe('My r.pdf');
    expect(pdfPageUrl('https://a.example/r.pdf#page=2', 7)).toBe('https://a.example/r.pdf#page=7');
  });
});
