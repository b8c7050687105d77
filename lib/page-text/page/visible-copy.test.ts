// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { copyWithout, hiddenInRange, rangesAround } from './visible-copy';

describe('copyWithout', () => {
  it('drops the picked elements with their subtrees from a copy, and leaves the page alone', () => {
    document.body.innerHTML = `
      <main><p>Visible one.</p><p data-hide>Hidden <b>entirely</b>.</p>
        <div><span>Visible two.</span><div data-hide><p>Hidden inside.</p></div><p>Visible three.</p></div></main>
      <footer data-hide>Hidden footer.</footer>`;
    const { copy, removed } = copyWithout(document, (el) => el.hasAttribute('data-hide'));
    expect(removed).toBe(3);
    expect(copy.body.textContent!.split(/\s+|(?<=\.)(?=V)/).filter(Boolean)).toEqual(['Visible', 'one.', 'Visible', 'two.', 'Visible', 'three.']);
    expect(document.body.textContent).toContain('Hidden footer.'); // the live page is untouched
    expect(copy.querySelector('[data-hide]')).toBeNull();
  });

  it('asks about each element once at most, and never below a hidden one', () => {
    document.body.innerHTML = '<div id="a"><p id="b">x</p></div><div id="c" data-hide><p id="d">y</p></div>';
    const asked: string[] = [];
    copyWithout(document, (el) => (asked.push(el.id), el.hasAttribute('data-hide')));
    expect(asked.sort()).toEqual(['a', 'b', 'c']);
  });
});

describe('a selection around hidden elements', () => {
  const hide = (el: Element) => el.hasAttribute('data-hide');
  const rangeOver = (from: Node, fromOffset: number, to: Node, toOffset: number) => {
    const r = document.createRange();
    r.setStart(from, fromOffset);
    r.setEnd(to, toOffset);
    return r;
  };

  it('finds the outermost hidden elements inside it and reads the parts around them', () => {
    document.body.innerHTML = '<p id="a">Alpha <span data-hide>secret <b data-hide>deeper</b></span>beta</p><p data-hide>gone</p><p id="c">gamma delta</p>';
    const a = document.getElementById('a')!;
    const c = document.getElementById('c')!;
    const range = rangeOver(a.firstChild!, 0, c.firstChild!, 5);
    const hidden = hiddenInRange(range, hide);
    expect(hidden.map((e) => e.textContent)).toEqual(['secret deeper', 'gone']);
    expect(rangesAround(range, hidden).map((r) => r.toString())).toEqual(['Alpha ', 'beta', 'gamma']);
  });

  it('reads nothing when the whole selection is inside a hidden element, and everything when none is hidden', () => {
    document.body.innerHTML = '<div data-hide><p id="x">inside hidden</p></div><p id="y">plain text</p>';
    const inside = rangeOver(document.getElementById('x')!.firstChild!, 0, document.getElementById('x')!.firstChild!, 6);
    expect(rangesAround(inside, hiddenInRange(inside, hide)).map((r) => r.toString())).toEqual(['', '']);
    const plain = rangeOver(document.getElementById('y')!.firstChild!, 0, document.getElementById('y')!.firstChild!, 10);
    expect(hiddenInRange(plain, hide)).toEqual([]);
  });

  it('starts after a hidden element the selection begins in', () => {
    document.body.innerHTML = '<p><span data-hide id="h">hidden</span> shown words</p>';
    const h = document.getElementById('h')!;
    const range = rangeOver(h.firstChild!, 2, h.parentElement!.lastChild!, 6);
    expect(rangesAround(range, hiddenInRange(range, hide)).map((r) => r.toString())).toEqual(['', ' shown']);
  });
});
