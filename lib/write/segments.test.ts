import { describe, expect, it } from 'vitest';
import { distributeHunks, type Segment } from './segments';
import { diffWords, hunksOf } from './word-diff';

/** Segments from pieces: strings are text nodes, '<br>' a line break element, '<p>' an edge between blocks. */
function piecesToSegments(pieces: string[]): { flat: string; segments: Segment[] } {
  let flat = '';
  const segments: Segment[] = pieces.map((p) => {
    const kind = p === '<br>' ? 'br' : p === '<p>' ? 'block' : 'text';
    const text = kind === 'text' ? p : '\n';
    const s = { start: flat.length, end: flat.length + text.length, kind } as Segment;
    flat += text;
    return s;
  });
  return { flat, segments };
}

const run = (pieces: string[], after: string) => {
  const { flat, segments } = piecesToSegments(pieces);
  return distributeHunks(flat, segments, hunksOf(diffWords(flat, after)));
};

describe('distributeHunks', () => {
  it('changes only the piece with the changed word: bold and link text keep their nodes', () => {
    // "They <b>was</b> at <a>the shop</a> yesterday"
    expect(run(['They ', 'was', ' at ', 'the shop', ' yestrday.'], 'They were at the shop yesterday.')).toEqual(['They ', 'were', ' at ', 'the shop', ' yesterday.']);
  });

  it('puts a change across two pieces into the first and empties the rest of it', () => {
    expect(run(['an ', 'big', ' dog'], 'a large dog')).toEqual(['a large', '', ' dog']);
  });

  it('keeps line breaks that did not change and removes a <br> whose break was deleted', () => {
    expect(run(['line one', '<br>', 'line two'], 'line one\nline 2')).toEqual(['line one', '\n', 'line 2']);
    expect(run(['line one', '<br>', 'line two'], 'line one line two')).toEqual(['line one ', '', 'line two']);
  });

  it('never removes an edge between blocks', () => {
    expect(run(['First para', '<p>', 'second para'], 'First para. Second para.')).toEqual(['First para', '\n', '. Second para.']);
  });

  it('adds text at the end and at the start', () => {
    expect(run(['Hello', ' world'], 'Hello world!')).toEqual(['Hello', ' world!']);
    expect(run(['hello', ' world'], 'Oh, hello world')).toEqual(['Oh, hello', ' world']);
  });

  it('joined, the pieces are the suggestion (when no block edge was deleted)', () => {
    const pieces = ['The ', 'quick', ' brown fox', '<br>', 'jumpd over ', 'the', ' dog.'];
    const after = 'A quick red fox\njumped over the lazy dog!';
    expect(run(pieces, after).join('')).toBe(after);
  });
});
