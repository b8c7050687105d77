// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { readRichCopy, rebuildRichCopy } from './rich-copy';
import { distributeHunks } from '../segments';
import { diffWords, hunksOf } from '../word-diff';

function rangeOver(html: string): Range {
  const root = document.createElement('div');
  root.innerHTML = html;
  document.body.replaceChildren(root);
  const r = document.createRange();
  r.selectNodeContents(root);
  return r;
}

const rewrite = (html: string, after: string, keepsSpaces = false) => {
  const copy = readRichCopy(rangeOver(html), keepsSpaces);
  return { text: copy.text, html: rebuildRichCopy(copy, distributeHunks(copy.text, copy.segments, hunksOf(diffWords(copy.text, after))), document) };
};

describe('readRichCopy', () => {
  it('reads text nodes, <br>s and block edges as flat text, spaces collapsed as shown', () => {
    const copy = readRichCopy(rangeOver('<p>One  <b>two</b></p>\n  <p>three<br>four</p>'), false);
    expect(copy.text).toBe('One two\nthree\nfour');
    expect(copy.segments.map((s) => s.kind)).toEqual(['text', 'text', 'text', 'block', 'text', 'br', 'text']);
  });

  it('keeps spaces as typed in an editor that shows them', () => {
    expect(readRichCopy(rangeOver('a  b\nc'), true).text).toBe('a  b\nc');
  });

  it('leaves out scripts and styles', () => {
    expect(readRichCopy(rangeOver('<p>text<script>evil()</script><style>p{}</style></p>'), false).text).toBe('text');
  });
});

describe('rebuildRichCopy', () => {
  it('changes only the changed words: bold and links stay', () => {
    expect(rewrite('Their going to the <b>park</b> with <a href="/map">Sam</a> tomorow.', "They're going to the park with Sam tomorrow.").html)
      .toBe('They\'re going to the <b>park</b> with <a href="/map">Sam</a> tomorrow.');
  });

  it('keeps line breaks that did not change, and writes new ones as <br>', () => {
    expect(rewrite('one<br>two', 'one\ntwo three').html).toBe('one<br>two three');
    expect(rewrite('one two', 'one\ntwo').html).toBe('one<br>two');
  });

  it('drops the elements whose words all went, so no empty bold or paragraph is left behind', () => {
    expect(rewrite('keep <b>gone</b> this', 'keep this').html).toBe('keep this');
    expect(rewrite('<p>Drop this.</p><p>Keep this.</p>', 'Keep this.').html).toBe('<p>Keep this.</p>');
  });

  it('puts the model’s words in as text, never as markup, and drops inline handlers', () => {
    const { html } = rewrite('<span onclick="steal()">hello</span> world', 'hello <img src=x onerror=alert(1)>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img');
    expect(html).not.toContain('onclick');
  });
});
