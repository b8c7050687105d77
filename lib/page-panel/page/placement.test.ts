import { describe, expect, it } from 'vitest';
import { placePanel } from './placement';
import { whyCannotInject } from '../../tabs/restricted-pages';
import { countWords } from '../../page-text/count-words';

const vp = { width: 1200, height: 800 };
const overlaps = (p: ReturnType<typeof placePanel>, r: { top: number; bottom: number; left: number; right: number }) => {
  const top = p.top ?? vp.height - p.bottom! - p.maxHeight;
  const bottom = p.top !== undefined ? p.top + p.maxHeight : vp.height - p.bottom!;
  return !(p.left + p.width <= r.left || p.left >= r.right || bottom <= r.top || top >= r.bottom);
};

describe('placePanel', () => {
  it('goes below a selection near the top, above one near the bottom, beside a tall one', () => {
    const high = { top: 100, bottom: 140, left: 300, right: 700 };
    expect(placePanel(high, vp)).toMatchObject({ top: 148, left: 300, width: 420 });
    const low = { top: 700, bottom: 740, left: 1000, right: 1100 };
    expect(placePanel(low, vp)).toMatchObject({ bottom: 108, left: 772 });
    const tall = { top: 50, bottom: 750, left: 40, right: 500 };
    expect(placePanel(tall, vp)).toMatchObject({ left: 508, top: 8 });
    for (const r of [high, low, tall]) expect(overlaps(placePanel(r, vp), r)).toBe(false);
  });
  it('uses the top right corner for a page, and fits narrow windows', () => {
    expect(placePanel(null, vp)).toEqual({ left: 772, width: 420, top: 8, maxHeight: 784 });
    expect(placePanel(null, { width: 300, height: 500 }).width).toBe(284);
  });
});

describe('whyCannotInject', () => {
  it.each([
    ['chrome://settings', /its own pages/],
    ['view-source:https://example.com/', /view-source/],
    ['https://chromewebstore.google.com/detail/x', /Web Store/],
    ['https://chrome.google.com/webstore/category', /Web Store/],
    ['https://example.com/paper.PDF', /PDF viewer/],
    ['chrome-extension://abc/popup.html', /its own pages/],
  ])('%s', (url, reason) => expect(whyCannotInject(url)).toMatch(reason));
  it('lets ordinary pages through', () => {
    for (const url of ['https://example.com/', 'http://127.0.0.1:8080/a.html', 'file:///tmp/x.html', undefined]) expect(whyCannotInject(url)).toBeNull();
  });
});

describe('text size', () => {
  it('counts words in spaced and CJK text', () => {
    expect(countWords('Hello, wide world — it’s 2026!')).toBe(5);
    expect(countWords('日本語の文章')).toBe(6);
    expect(countWords('  \n ')).toBe(0);
  });
});
