/**
 * A WCAG AA contrast audit that runs in the page (it is passed to `evaluate` as source, so it uses nothing from
 * outside itself). For every visible text element: its ink against its effective background (the first opaque
 * background from it up, across shadow roots, with the translucent ones above composited on it), 4.5:1, or 3:1 for
 * large text (24 px, or 18.66 px bold). For every enabled control that draws a boundary (a border, or a fill unlike
 * what is around it): that boundary against the background around it, 3:1 (WCAG 1.4.11); a control with neither is a
 * text-only control, judged by its text. Disabled controls are exempt, as WCAG says. Text over an image is skipped.
 */
export interface ContrastOffender {
  kind: 'text' | 'boundary';
  what: string;
  ratio: number;
  needs: number;
}

export interface ContrastAudit {
  checkedText: number;
  checkedControls: number;
  offenders: ContrastOffender[];
}

export function auditContrast(root: Document | ShadowRoot): ContrastAudit {
  type C = [number, number, number, number];
  const parse = (css: string): C | null => {
    const m = /^rgba?\(([^)]+)\)$/.exec(css.trim());
    if (!m) return css.trim() === 'transparent' ? [0, 0, 0, 0] : null;
    const [r, g, b, a = '1'] = m[1]!.split(/[\s,/]+/).filter(Boolean);
    return [Number(r), Number(g), Number(b), Number(a)];
  };
  const over = (top: C, under: C): C => {
    const a = top[3];
    return [top[0] * a + under[0] * (1 - a), top[1] * a + under[1] * (1 - a), top[2] * a + under[2] * (1 - a), 1];
  };
  const lum = (c: C) => {
    const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const ratio = (a: C, b: C) => {
    const [x, y] = [lum(a), lum(b)];
    return Math.round(((Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05)) * 100) / 100;
  };
  const parentOf = (el: Element): Element | null => el.parentElement ?? ((el.getRootNode() as ShadowRoot).host ?? null);
  const docEl = (root instanceof Document ? root : root.host.ownerDocument).documentElement;
  const darkCanvas = /dark/.test(getComputedStyle(docEl).colorScheme) && matchMedia('(prefers-color-scheme: dark)').matches;
  const canvas: C = darkCanvas ? [18, 18, 18, 1] : [255, 255, 255, 1];
  /** The colour behind `el`'s content; null when an image or gradient is on the way. */
  const backgroundOf = (el: Element | null): C | null => {
    const layers: C[] = [];
    for (let e = el; e; e = parentOf(e)) {
      const s = getComputedStyle(e);
      if (s.backgroundImage !== 'none' || e.tagName === 'VIDEO' || e.tagName === 'CANVAS' || e.tagName === 'IMG') return null;
      const c = parse(s.backgroundColor);
      if (c && c[3] > 0) layers.push(c);
      if (c && c[3] >= 0.99) break;
    }
    return layers.reduceRight<C>((under, top) => over(top, under), canvas);
  };
  const visible = (el: Element) => {
    if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
    const r = el.getBoundingClientRect();
    return r.width > 1 && r.height > 1;
  };
  const disabled = (el: Element) => !!el.closest(':disabled, [aria-disabled=true]');
  const name = (el: Element) => {
    const cls = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
    return `${el.tagName.toLowerCase()}${cls}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''} "${text}"`;
  };
  const offenders: ContrastOffender[] = [];
  let checkedText = 0;
  let checkedControls = 0;
  const all = Array.from(root.querySelectorAll('*'));
  for (const el of all) {
    if (/^(SCRIPT|STYLE|OPTION|TEMPLATE|NOSCRIPT)$/.test(el.tagName) || !visible(el) || disabled(el)) continue;
    const ownText = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.nodeValue!.trim());
    const control = el.matches('button, select, textarea, input:not([type=checkbox]):not([type=radio]):not([type=range]):not([type=hidden]):not([type=file])');
    const s = getComputedStyle(el);
    if (ownText || (control && el.matches('select, input, textarea'))) {
      const bg = backgroundOf(el);
      const ink = parse(s.color);
      if (bg && ink) {
        checkedText++;
        const size = parseFloat(s.fontSize);
        const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
        const needs = large ? 3 : 4.5;
        const r = ratio(over(ink, bg), bg);
        if (r < needs) offenders.push({ kind: 'text', what: name(el), ratio: r, needs });
      }
    }
    if (control) {
      const around = backgroundOf(parentOf(el));
      if (!around) continue;
      const fill = parse(s.backgroundColor);
      const own = fill ? over(fill, around) : around;
      // The clearest side counts (a tab marked by a line under it has one side that shows).
      const sides = (['Top', 'Right', 'Bottom', 'Left'] as const).flatMap((side) => {
        const c = parse(s.getPropertyValue(`border-${side.toLowerCase()}-color`));
        const width = parseFloat(s.getPropertyValue(`border-${side.toLowerCase()}-width`));
        const style = s.getPropertyValue(`border-${side.toLowerCase()}-style`);
        return c && c[3] > 0 && width >= 1 && style !== 'none' && style !== 'hidden' ? [ratio(over(c, around), around)] : [];
      });
      const hasFill = ratio(own, around) > 1.05;
      if (!sides.length && !hasFill) continue; // a text-only control: its text is its mark
      checkedControls++;
      const r = Math.max(1, ...sides, ratio(own, around));
      if (r < 3) offenders.push({ kind: 'boundary', what: name(el), ratio: r, needs: 3 });
    }
  }
  return { checkedText, checkedControls, offenders };
}
