// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

const render = (md: string) => {
  const host = document.createElement('div');
  host.append(renderMarkdown(md));
  return host;
};

describe('renderMarkdown', () => {
  it('formats code, lists, tables and links', () => {
    const el = render('**bold** and `x`\n\n```js\nlet a = 1 < 2;\n```\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[site](https://example.com)');
    expect(el.querySelector('strong')?.textContent).toBe('bold');
    expect(el.querySelector('pre code')?.textContent).toBe('let a = 1 < 2;\n');
    expect(el.querySelectorAll('li')).toHaveLength(2);
    expect(el.querySelector('td')?.textContent).toBe('1');
    const a = el.querySelector('a')!;
    expect(a.getAttribute('href')).toBe('https://example.com');
    expect(a.getAttribute('rel')).toContain('noopener');
  });

  it.each([
    '<img src=x onerror="window.__pwned=1">',
    '<script>window.__pwned=1</script>',
    '<svg onload="window.__pwned=1"><circle/></svg>',
    '<iframe src="javascript:window.__pwned=1"></iframe>',
    '<a href="javascript:window.__pwned=1">click</a>',
    '[click](javascript:window.__pwned=1)',
    '[click](JaVaScRiPt:window.__pwned=1)',
    '[click](data:text/html,<script>1</script>)',
    '[x](&#106;avascript:alert(1))',
    '![x](javascript:alert(1))',
    '<style>*{display:none}</style>',
    '<div style="position:fixed" onclick="x()">hi</div>',
  ])('keeps %j inert', (payload) => {
    const el = render(payload);
    expect(el.querySelectorAll('script, img, svg, iframe, style, object, embed, form, div')).toHaveLength(0);
    for (const node of el.querySelectorAll('*')) {
      for (const attr of node.attributes) {
        expect(attr.name.startsWith('on')).toBe(false);
        expect(attr.name).not.toBe('style');
      }
    }
    for (const a of el.querySelectorAll('a[href]')) expect(a.getAttribute('href')).toMatch(/^(https?:|mailto:)/);
  });

  it('shows where a link really goes when its words say something else', () => {
    const box = document.createElement('div');
    box.append(renderMarkdown('Sign in at [https://bank.example](https://evil.example/login), [docs](https://docs.example/a), <https://same.example/x>, [www.same.example](https://same.example/).'));
    expect(box.textContent).toBe('Sign in at https://bank.example (evil.example), docs (docs.example), https://same.example/x, www.same.example.');
  });

  it('shows raw HTML as text rather than dropping it', () => {
    expect(render('<b>hi</b> &amp; <i>x</i>').textContent).toContain('<b>hi</b>');
    expect(render('5 &lt; 6 &amp;&amp; 7 > 3').textContent).toBe('5 < 6 && 7 > 3');
  });

  it('turns an image into a link instead of loading it', () => {
    const el = render('![a cat](https://example.com/cat.png)');
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('a')?.getAttribute('href')).toBe('https://example.com/cat.png');
    expect(el.textContent).toBe('[a cat] (example.com)'); // where the link goes, since its words do not say
  });
});
