/**
 * Text a reader cannot see is not read. A page can hide words from its visitors (a class with display: none,
 * opacity 0, a zero-size clipped box, text pushed off the page, a 0px font, transparent ink, ink the colour of
 * its background) and still have them in its DOM, where a summarizer would read them as the page's content: the
 * classic way to slip instructions to a model. Hearth summarizes a copy of the page without those elements.
 * Text over an image or a gradient is always kept; text over a sibling drawn behind it (not an ancestor) is judged
 * against the ancestors' background, so white text on such a banner can be missed.
 */

/**
 * A check for one reading of `win`'s page: true for an element (with its subtree) a reader of the rendered page
 * cannot see. Backgrounds looked up for it are remembered for that reading only (styles can change later).
 */
export function readerCannotSee(win: Window): (el: Element) => boolean {
  const behind = new WeakMap<Element, Rgba | null>();
  return (el) => hiddenFromReader(el, win, behind) !== null;
}

/** Why `el` (with its subtree) is hidden from a reader of the rendered page, or null when it can be seen. */
function hiddenFromReader(el: Element, win: Window, behind: WeakMap<Element, Rgba | null>): string | null {
  if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) {
    // A closed <details> hides its content until a click: that is the page's content, not a trick.
    return el.closest('details:not([open])') ? null : 'not rendered';
  }
  const box = el.getBoundingClientRect();
  const hasBox = box.width > 0 || box.height > 0;
  if (hasBox && (box.right + win.scrollX <= 0 || box.bottom + win.scrollY <= 0)) return 'off the page';
  const tiny = hasBox && (box.width < 2 || box.height < 2);
  const text = hasOwnText(el);
  if (!tiny && !text) return null; // (computed style only where it can matter: big pages have many elements)
  const style = win.getComputedStyle(el);
  if (tiny && /hidden|clip/.test(style.overflow)) return 'clipped to nothing';
  if (text) {
    if (parseFloat(style.fontSize) < 2) return 'no font size';
    const ink = rgba(style.color);
    if (ink && ink[3] < 0.1) return 'transparent text';
    const paper = backgroundBehind(el, win, behind);
    if (ink && paper && Math.abs(ink[0] - paper[0]) + Math.abs(ink[1] - paper[1]) + Math.abs(ink[2] - paper[2]) < 12) return 'same colour as its background';
  }
  return null;
}

type Rgba = [number, number, number, number];

/** A computed colour ("rgb(…)" / "rgba(…)") as numbers; null for other colour spaces. */
function rgba(css: string): Rgba | null {
  const m = /^rgba?\(([^)]+)\)$/.exec(css.trim());
  if (!m) return css.trim() === 'transparent' ? [0, 0, 0, 0] : null;
  const [r, g, b, a = '1'] = m[1]!.split(/[\s,/]+/).filter(Boolean);
  return [Number(r), Number(g), Number(b), Number(a)];
}

/**
 * The solid colour text in `el` is drawn on: the nearest mostly opaque background colour above it, the canvas
 * (white) when there is none; null when an image or gradient is on the way (then nobody can say).
 */
function backgroundBehind(el: Element, win: Window, behind: WeakMap<Element, Rgba | null>): Rgba | null {
  if (behind.has(el)) return behind.get(el)!;
  const style = win.getComputedStyle(el);
  const own = rgba(style.backgroundColor);
  const found: Rgba | null =
    style.backgroundImage !== 'none' ? null : own && own[3] > 0.5 ? own : el.parentElement ? backgroundBehind(el.parentElement, win, behind) : [255, 255, 255, 1];
  behind.set(el, found);
  return found;
}

function hasOwnText(el: Element): boolean {
  for (const n of Array.from(el.childNodes)) if (n.nodeType === 3 && n.nodeValue?.trim()) return true;
  return false;
}

/**
 * A copy of `doc` (its body walked beside the live one) without the elements `isHidden` picks, subtrees
 * included. The copy is never rendered; the live page is only read.
 */
export function copyWithout(doc: Document, isHidden: (el: Element) => boolean): { copy: Document; removed: number } {
  const copy = doc.cloneNode(true) as Document;
  let removed = 0;
  if (!doc.body || !copy.body) return { copy, removed };
  const pairs: Array<[Element, Element]> = [[doc.body, copy.body]];
  while (pairs.length) {
    const [live, twin] = pairs.pop()!;
    const liveKids = Array.from(live.children);
    const twinKids = Array.from(twin.children);
    if (liveKids.length !== twinKids.length) continue; // changed while copying: leave that part as it is
    liveKids.forEach((kid, i) => {
      if (isHidden(kid)) {
        twinKids[i]!.remove();
        removed++;
      } else pairs.push([kid, twinKids[i]!]);
    });
  }
  return { copy, removed };
}

/**
 * The elements inside `range` that `isHidden` picks, outermost only, in document order; `[root]` when the
 * whole range sits inside a hidden element.
 */
export function hiddenInRange(range: Range, isHidden: (el: Element) => boolean): Element[] {
  const common = range.commonAncestorContainer;
  const top = common.nodeType === 1 ? (common as Element) : common.parentElement;
  if (!top) return [];
  for (let el: Element | null = top; el; el = el.parentElement) if (isHidden(el)) return [el];
  const found: Element[] = [];
  const visit = (el: Element) => {
    for (const kid of Array.from(el.children)) {
      if (!range.intersectsNode(kid)) continue;
      if (isHidden(kid)) found.push(kid);
      else visit(kid);
    }
  };
  visit(top);
  return found;
}

/**
 * `range` cut around the `hidden` elements (outermost, in document order): one part before each of them and one
 * after the last, so part i+1 follows hidden[i]; a part is collapsed when nothing visible is there.
 */
export function rangesAround(range: Range, hidden: Element[]): Range[] {
  const out: Range[] = [];
  let from = range.cloneRange();
  for (const el of hidden) {
    const before = from.cloneRange();
    if (el.contains(from.startContainer)) before.collapse(true); // the range starts inside the hidden element
    else if (el.contains(range.endContainer)) {
      before.setEndBefore(el);
      out.push(before);
      return out;
    } else before.setEndBefore(el);
    out.push(before);
    from = range.cloneRange();
    from.setStartAfter(el);
  }
  out.push(from);
  return out;
}
