// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { findPassage } from './find-passage';

const none = () => false;

describe('findPassage', () => {
  it('finds a passage read from a copy (whitespace collapsed, blocks joined) in the live page', () => {
    document.body.innerHTML = `<h1>Title</h1><p>First   paragraph, with <b>bold</b>
      words.</p><p>Second paragraph.</p>`;
    const range = findPassage(document, 'First paragraph, with bold words.\n\nSecond paragraph.', none)!;
    expect(range.toString().replace(/\s+/g, ' ')).toBe('First paragraph, with bold words.Second paragraph.');
  });

  it('skips text a reader cannot see, so the range is the visible passage', () => {
    document.body.innerHTML = `<p>Alpha beta.</p><p data-hidden>Alpha beta gamma.</p><p>Gamma delta.</p>`;
    const range = findPassage(document, 'Alpha beta. Gamma delta.', (el) => el.hasAttribute('data-hidden'))!;
    expect(range.startContainer.parentElement!.textContent).toBe('Alpha beta.');
    expect(range.endContainer.parentElement!.textContent).toBe('Gamma delta.');
  });

  it('spans from head to tail when the copy left something out in the middle', () => {
    const head = 'The head of the passage runs on for quite a while, longer than sixty characters at least.';
    const tail = 'And the tail of the passage runs on for quite a while too, again more than sixty characters.';
    document.body.innerHTML = `<p>${head}</p><aside>An advertisement the reader dropped.</aside><p>${tail}</p>`;
    const range = findPassage(document, `${head} ${tail}`, none)!;
    expect(range.toString()).toContain('advertisement');
    expect(range.toString().startsWith('The head')).toBe(true);
    expect(range.toString().endsWith('characters.')).toBe(true);
  });

  it('returns null when the page no longer shows the passage', () => {
    document.body.innerHTML = '<p>Something else entirely.</p>';
    expect(findPassage(document, 'The passage that was there.', none)).toBeNull();
  });
});
