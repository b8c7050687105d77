import { describe, expect, it } from 'vitest';
import { splitPassages } from './passages';
import type { AskSource } from './source';
import { HARBOUR_PARAGRAPHS, HARBOUR_TEXT } from '../../tests/fixtures/harbour-article';

const source = (sections: AskSource['sections']): AskSource => ({ tabId: 7, url: 'https://example.test/a', title: 'A', kind: 'page', sections, words: 0 });

describe('splitPassages', () => {
  it('keeps sentences whole and maps each passage back to its range in the text', () => {
    const passages = splitPassages(source([{ text: HARBOUR_TEXT }]), { targetChars: 250 });
    expect(passages.length).toBeGreaterThan(HARBOUR_PARAGRAPHS.length);
    for (const p of passages) {
      expect(HARBOUR_TEXT.slice(p.start, p.end)).toBe(p.text);
      expect(p.tabId).toBe(7);
      // Whole sentences: a passage starts where a sentence starts and ends with the sentence's full stop.
      expect(p.text).toMatch(/^[A-Z]/);
      expect(p.text).toMatch(/[.!?]$/);
    }
    // Every sentence of the text is in exactly one passage, in order.
    const rebuilt = passages.map((p) => p.text).join(' ').replace(/\s+/g, ' ');
    expect(rebuilt).toBe(HARBOUR_TEXT.replace(/\s+/g, ' '));
  });

  it('does not join two paragraphs once a passage is half full', () => {
    const passages = splitPassages(source([{ text: HARBOUR_TEXT }]), { targetChars: 600 });
    let joined = 0;
    for (const p of passages) {
      // A paragraph break inside a passage only follows a paragraph shorter than half the target.
      for (const before of p.text.split('\n\n').slice(0, -1)) expect(before.length).toBeLessThan(300), joined++;
    }
    expect(passages.filter((p) => !p.text.includes('\n\n')).length).toBeGreaterThan(joined);
  });

  it('never crosses a section and keeps its page number (PDF pages)', () => {
    const passages = splitPassages(source([{ text: 'First page. Short.', page: 1 }, { text: 'Second page here.', page: 2 }]));
    expect(passages.map((p) => [p.page, p.text])).toEqual([
      [1, 'First page. Short.'],
      [2, 'Second page here.'],
    ]);
    expect(new Set(passages.map((p) => p.id)).size).toBe(2);
  });

  it('cuts only a sentence longer than the cap, at word boundaries', () => {
    const long = Array.from({ length: 300 }, (_, i) => `word${i}`).join(' ') + '.';
    const passages = splitPassages(source([{ text: `Intro sentence. ${long} Outro.` }]), { targetChars: 400, maxChars: 500 });
    const tokens = new Set(`Intro sentence. ${long} Outro.`.split(' '));
    for (const p of passages) {
      expect(p.text.length).toBeLessThanOrEqual(500);
      for (const token of p.text.split(' ')) expect(tokens.has(token)).toBe(true); // whole words only
    }
    expect(passages[0]!.text.startsWith('Intro sentence.')).toBe(true);
    expect(passages.at(-1)!.text.endsWith('Outro.')).toBe(true);
    expect(passages.map((p) => p.text).join(' ')).toBe(`Intro sentence. ${long} Outro.`);
  });

  it('treats lines without full stops (headings, list items) as sentences of their own', () => {
    const text = 'Heading one\nA sentence under it.\n\n- item a\n- item b';
    const passages = splitPassages(source([{ text }]), { targetChars: 10 });
    expect(passages.map((p) => p.text)).toEqual(['Heading one', 'A sentence under it.', '- item a', '- item b']);
  });
});
