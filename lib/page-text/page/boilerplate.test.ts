// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { Readability } from '@mozilla/readability';
import { removeBoilerplate } from './boilerplate';
import { readPage } from './read-page';
import { newsArticlePage, STORY, type FurnitureMarks } from '../../../tests/fixtures/news-article';

const MARKS: FurnitureMarks = { ad: 'ADMARK', sponsored: 'SPONSORMARK', signup: 'SIGNUPMARK', cookie: 'COOKIEMARK', mostRead: 'MOSTREADMARK', related: 'RELATEDMARK' };
const load = (html: string) => {
  document.open();
  document.write(html);
  document.close();
};
const words = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('reading a news article without its furniture', () => {
  it('Readability alone keeps the inline ad, the sponsored box and the sign-up (the reason for this filter)', () => {
    load(newsArticlePage(MARKS));
    const alone = new Readability(document.cloneNode(true) as Document, { charThreshold: 200 }).parse();
    expect(alone?.textContent).toContain('ADMARK');
    expect(alone?.textContent).toContain('SPONSORMARK');
    expect(alone?.textContent).toContain('SIGNUPMARK');
  });

  it('reads every paragraph of the story and none of the ads, sign-up, cookie banner or story lists', () => {
    load(newsArticlePage(MARKS));
    const page = readPage(document, () => false);
    expect(page.method).toBe('article');
    for (const p of STORY) expect(words(page.text)).toContain(p);
    for (const mark of Object.values(MARKS)) expect(page.text).not.toContain(mark);
    expect(page.text).not.toMatch(/Advertisement|Sponsored|Sign up|Most read|Accept all/);
    expect(page.text).toContain('sells cookies'); // the word alone is not a banner
  });

  it('says what it removed, and never the article, whatever its class says', () => {
    load(newsArticlePage(MARKS).replace('<article>', '<article class="post has-ads related">'));
    const removed = removeBoilerplate(document.body);
    expect(removed.length).toBeGreaterThanOrEqual(6);
    expect(removed.join('\n')).toMatch(/cookie|named/);
    expect(document.querySelector('article')).not.toBeNull();
    for (const p of STORY) expect(words(document.body.textContent ?? '')).toContain(p);
  });

  it('keeps lists that are prose with a link, and short pages that merely mention a newsletter', () => {
    document.body.innerHTML = `<article><h1>Notes</h1><p>${STORY[0]}</p>
      <ul><li>The <a href="/r">report</a> found that most of the land had been empty since the yard closed in 1998.</li>
      <li>A second <a href="/s">survey</a> counted the birds nesting in the old sheds, and found forty species there.</li>
      <li>The <a href="/t">plan</a> keeps the signal box, which will become a café with a view of the river.</li></ul>
      <p>The parish newsletter printed the plans in full last week.</p></article>`;
    expect(removeBoilerplate(document.body)).toEqual([]);
  });
});
