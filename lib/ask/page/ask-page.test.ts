// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createAskPage } from './ask-page';
import { LIMITS } from '../../messaging/protocol-values';

describe('the Ask read in the tab', () => {
  it('caps the text before it leaves the tab: one character past the limit, so the chat still says it is too long', () => {
    const huge = 'word '.repeat(Math.ceil((LIMITS.inputChars * 1.5) / 5));
    document.title = 'Huge';
    document.body.innerHTML = '<pre id="p"></pre>';
    document.getElementById('p')!.textContent = huge;
    const range = document.createRange();
    range.selectNodeContents(document.getElementById('p')!);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
    const read = createAskPage(window as never).read();
    expect(read.kind).toBe('selection');
    expect(read.text.length).toBe(LIMITS.inputChars + 1);
  });

  it('highlights only in the page the passage was read from (its fragment aside)', () => {
    document.body.innerHTML = '<p>The gardener planted a dahlia.</p>';
    const ask = createAskPage(window as never);
    expect(ask.highlight('planted a dahlia', 'https://another.test/page')).toBe('elsewhere');
    expect(ask.highlight('not on this page at all', `${location.href.replace(/#.*$/, '')}#section-2`)).toBe('absent');
  });
});
